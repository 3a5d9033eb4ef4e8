package fba.cli;

import fba.core.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small command-line parser: {@code --name value} options from a known set, {@code --flag}
 * switches, and positional arguments. Unknown or incomplete options are usage errors.
 */
final class Options {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private boolean help;

    static Options parse(String[] args, Set<String> valued, Set<String> flags) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                o.help = true;
            } else if (a.startsWith("--")) {
                String name = a.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name) && inline == null) {
                    o.values.put(name, "true");
                } else if (valued.contains(name)) {
                    if (inline == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("option --" + name + " needs a value");
                        }
                        inline = args[++i];
                    }
                    o.values.put(name, inline);
                } else {
                    throw new UsageException("unknown option '" + a + "'");
                }
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    boolean help() {
        return help;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    long getLong(String name, long fallback, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    Profile profile() {
        String p = values.getOrDefault("profile", "substrate");
        Profile profile = Profile.ofWireName(p);
        if (profile == null) {
            throw new UsageException("--profile must be substrate, strict or proposal, got '" + p + "'");
        }
        return profile;
    }

    List<String> positional() {
        return positional;
    }
}
