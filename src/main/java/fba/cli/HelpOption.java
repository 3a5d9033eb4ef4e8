package fba.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every command (mixed in, so each command's help is its own). */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit (status 0)")
    boolean help;
}
