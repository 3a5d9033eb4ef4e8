package fba.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fba.core.Profile;
import fba.fuzz.FuzzFigures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link Session} with requests built from the protocol's grammar rather than raw bytes:
 * every verb, numbers at the boundaries that matter (order sizes, page and u32 limits, pointers
 * the session handed out), and now and then a separator or terminator that is slightly wrong (two
 * spaces, a tab, a trailing space, a leading zero, a stray byte). Each line goes through
 * {@link TwoPaths}, so byte path and String path must answer alike and as spec/protocol.md allows;
 * the near-miss spellings are where a fast path that parses on its own is most likely to differ.
 */
class SessionRequestsFuzzTest {

    private static final FuzzFigures FIGURES = new FuzzFigures("session-requests", SessionRequestsFuzzTest.class);

    private static final long[] SIZES = {0, 1, 7, 8, 9, 16, 17, 24, 32, 64, 128, 1024, 4096, 32768, 65536, 131072,
        1 << 20, (1 << 24) - 8, 1 << 24, (1 << 24) + 1, 1 << 25, 33554432, 0x7FFFFFFFL, 0xFFFFFFF0L, 0xFFFFFFFFL,
        0x100000000L};
    private static final long[] PAGES = {0, 1, 2, 3, 16, 256, 4096, 65535, 65536, 65537, 0xFFFFFFFFL};
    private static final String[] VERBS = {"init", "malloc", "free", "grow", "truncate", "poke", "peek", "stats",
        "pages"};

    @FuzzTest
    void wellFormedAndNearlyWellFormedRequests(FuzzedDataProvider data) throws IOException {
        FIGURES.count();
        TwoPaths paths = new TwoPaths(data.consumeBoolean() ? Profile.SUBSTRATE : Profile.STRICT);
        List<Long> pointers = new ArrayList<>();
        int lines = data.consumeInt(1, 40);
        for (int i = 0; i < lines && data.remainingBytes() > 0; i++) {
            String line = request(data, pointers, i == 0);
            String answer = paths.execute(line);
            if (answer != null && line.startsWith("malloc") && answer.startsWith("ok ")) {
                pointers.add(Long.parseLong(answer.substring(3)));
            }
        }
    }

    private static String request(FuzzedDataProvider data, List<Long> pointers, boolean first) {
        int kind = first && data.consumeBoolean() ? 0 : data.consumeInt(0, 12);
        List<String> t = new ArrayList<>();
        switch (kind) {
            case 0 -> {
                t.add("init");
                t.add(number(data, data.pickValue(new long[] {0, 1, 7, 8, 1 << 16, 0xFFFFFFF8L, 0xFFFFFFF9L, 0xFFFFFFFFL})));
                t.add(data.pickValue(new String[] {"onchain", "offchain", "onchain", "offchain", "on", ""}));
                t.add(number(data, data.pickValue(PAGES)));
                t.add(number(data, data.pickValue(PAGES)));
            }
            case 1, 2, 3 -> {
                t.add("malloc");
                t.add(number(data, data.consumeBoolean() ? data.pickValue(SIZES) : data.consumeLong(0, 0x1_0000_0000L)));
            }
            case 4, 5 -> {
                t.add("free");
                long p = !pointers.isEmpty() && data.consumeBoolean() ? data.pickValue(pointers)
                        : data.consumeLong(0, 0x1_0000_0000L);
                t.add(number(data, p + data.pickValue(new long[] {0, 0, 0, -8, 8, 1})));
            }
            case 6 -> {
                t.add("grow");
                t.add(number(data, data.pickValue(PAGES)));
            }
            case 7 -> {
                t.add("truncate");
                t.add(number(data, data.pickValue(PAGES)));
            }
            case 8 -> {
                t.add("poke");
                long p = pointers.isEmpty() ? data.consumeLong(0, 0x1_0000_0000L) : data.pickValue(pointers) - 8;
                t.add(number(data, p));
                t.add(Long.toUnsignedString(data.consumeLong()));
            }
            case 9 -> {
                t.add("peek");
                t.add(number(data, pointers.isEmpty() ? data.consumeLong(0, 0x1_0000_0000L) : data.pickValue(pointers) - 8));
            }
            case 10 -> t.add(data.consumeBoolean() ? "stats" : "pages");
            case 11 -> {
                t.add(data.pickValue(VERBS));
                t.add(data.consumeAsciiString(12));
            }
            default -> t.add(data.consumeAsciiString(24));
        }
        return join(data, t);
    }

    /** A number in decimal, now and then with a leading zero. */
    private static String number(FuzzedDataProvider data, long v) {
        String s = Long.toString(Math.max(v, 0));
        return data.consumeInt(0, 15) == 0 ? "0" + s : s;
    }

    /** The tokens joined by single spaces, except now and then a wrong separator or a stray end. */
    private static String join(FuzzedDataProvider data, List<String> tokens) {
        StringBuilder b = new StringBuilder(tokens.get(0));
        for (int i = 1; i < tokens.size(); i++) {
            b.append(data.consumeInt(0, 15) == 0 ? data.pickValue(new String[] {"  ", "\t", "", " \r"}) : " ");
            b.append(tokens.get(i));
        }
        if (data.consumeInt(0, 7) == 0) {
            b.append(data.pickValue(new String[] {" ", "  ", "\t", "\r", "x", "\0", " 0"}));
        }
        return b.toString();
    }

    @AfterAll
    static void writeFigures() throws IOException {
        FIGURES.write();
    }
}
