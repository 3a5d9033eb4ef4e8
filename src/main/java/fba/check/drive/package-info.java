/**
 * Driving the implementation: its process with the writer, reader and watchdog threads
 * ({@link fba.check.drive.ImplProcess}), batches of lines with the responses the reference predicts,
 * the generator threads that fill them ({@link fba.check.drive.SessionSource}), and what one run
 * came to ({@link fba.check.drive.Outcome}). Uses {@code check.generate} and {@code check.vectors}
 * below it, never the report, the shrinker or the checker above (floors: see {@code fba.check}).
 */
package fba.check.drive;
