/**
 * Vector sets: the bundled conformance vectors and directories of them, their index and hash. The
 * lowest floor of {@code fba.check}: uses {@code fba.protocol} and {@code fba.core} only.
 */
package fba.check.vectors;
