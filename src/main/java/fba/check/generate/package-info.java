/**
 * Sessions of requests drawn from a seed: the draw policy ({@link fba.check.generate.SessionGenerator}),
 * one class per fault kind, malformed lines, the symbolic {@link fba.check.generate.Request} that
 * shrinking edits, and the tallies of what was generated. Uses {@code fba.protocol} and
 * {@code fba.core}; nothing here knows of processes, batches or reports (floors: see
 * {@code fba.check}).
 */
package fba.check.generate;
