package fba.fuzz;

import java.util.regex.Pattern;

/** Recognises a Java stack trace in a command's output, which fba must never print. */
public final class StackTraces {

    private static final Pattern FRAME = Pattern.compile("(?m)^\\s+at [\\w$.<>/]+\\([^)\n]*\\)$");
    private static final Pattern THROWABLE =
            Pattern.compile("(?m)^(Exception in thread |[\\w$]+(\\.[\\w$]+)+(Exception|Error)(: |$))");

    private StackTraces() {
    }

    /**
     * Whether {@code text} holds a stack frame ({@code \tat a.B.c(B.java:1)}) or a throwable's
     * first line once every echo is taken out of it: input a message quotes (an argument, a line
     * of a file) may look like anything, and only what fba wrote itself counts.
     */
    public static boolean in(String text, String... echoes) {
        String rest = text;
        for (String e : echoes) {
            if (!e.isEmpty()) {
                rest = rest.replace(e, "");
            }
        }
        return FRAME.matcher(rest).find() || THROWABLE.matcher(rest).find();
    }
}
