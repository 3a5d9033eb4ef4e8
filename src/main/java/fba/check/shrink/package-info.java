/**
 * Shrinking a divergent trace to a 1-minimal one that shows the same signature. Uses
 * {@code check.report} and below (floors: see {@code fba.check}).
 */
package fba.check.shrink;
