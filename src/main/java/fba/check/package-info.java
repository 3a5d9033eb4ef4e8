/**
 * {@code fba check}: the differential check of another implementation against the reference, in
 * rooms. {@link fba.check.Checker} runs a check (vector files, then generated sessions over
 * {@link fba.check.Lane}s, then shrinking and the report).
 *
 * <p>Floors, lowest first; a class uses its own package and the floors below it, never one above
 * (kept by {@code fba.PackageDirectionTest}):
 * {@code fba.core <- fba.protocol <- fba.report <- check.vectors <- check.generate <- check.drive
 * <- check.report <- check.shrink <- fba.check <- fba.cli}.
 */
package fba.check;
