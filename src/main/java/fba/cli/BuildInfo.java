package fba.cli;

import fba.check.vectors.VectorIndex;
import fba.check.vectors.VectorSet;
import java.io.IOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What {@code fba --version} prints: version and commit recorded at build time, the bundled vectors' hash. */
final class BuildInfo implements IVersionProvider {

    static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        Properties p = VectorIndex.buildProperties();
        return new String[] {
            "fba " + p.getProperty("version", UNKNOWN),
            "commit " + p.getProperty("commit", UNKNOWN),
            "vectors " + bundledVectors(),
        };
    }


    /** The bundled set's size and hash, computed from the resources themselves. */
    static String bundledVectors() {
        try {
            VectorSet v = VectorSet.bundled();
            return v.hash() + " (" + v.size() + " files bundled)";
        } catch (IOException e) {
            return "none bundled (" + e.getMessage() + ")";
        }
    }
}
