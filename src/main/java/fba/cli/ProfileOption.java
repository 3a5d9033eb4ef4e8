package fba.cli;

import fba.core.Profile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --profile}, the one place every command parses a profile. Its values, help text and
 * completions come from {@link Profile#values()}, so a new profile needs no change here.
 */
final class ProfileOption {

    @Option(names = "--profile", paramLabel = "PROFILE", converter = Converter.class,
            completionCandidates = Names.class, defaultValue = "substrate",
            description = "the reference's profile: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Profile profile;

    /** The wire names of the profiles, in declaration order. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (Profile p : Profile.values()) {
                names.add(p.wireName());
            }
            return names.iterator();
        }
    }

    static final class Converter implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            Profile p = Profile.ofWireName(value);
            if (p == null) {
                throw new TypeConversionException("must be one of " + String.join(", ", new Names())
                        + ", got '" + value + "'");
            }
            return p;
        }
    }
}
