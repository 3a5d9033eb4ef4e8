package fba.cli;

/** A command line that cannot be run; the message says what is wrong (exit status 2). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    /** {@code value} unless it lies outside [{@code min}, {@code max}]; the message names the option. */
    static long inRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
