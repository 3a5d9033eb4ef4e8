package fba.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fba.check.report.ShardMerge;
import fba.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec/check-report.schema.json describes every report fba check and fba check merge write: a pass,
 * one divergence, several causes (one a crash), an implementation that cannot run, and a merge;
 * and it rejects a report that breaks it.
 */
class ReportSchemaTest {

    @TempDir
    static Path tmp;

    private static JsonSchema schema;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void load() throws Exception {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("spec", "check-report.schema.json")));
        CExample.build();
    }

    private static Set<ValidationMessage> errors(Path report) throws IOException {
        return schema.validate(MAPPER.readTree(report.toFile()));
    }

    private static CheckRun check(String impl, String name, int maxCauses, int shard, int shards) {
        return CheckRun.of(impl, 3, 20, 200, null, tmp.resolve(name), 5_000, c -> {
            c.report = tmp.resolve(name + ".json");
            c.maxCauses = maxCauses;
            c.shardIndex = shard;
            c.shardCount = shards;
        });
    }

    @Test
    void givenReportsOfEveryKind_whenValidated_thenTheSchemaHoldsForEach() throws IOException {
        CheckRun pass = check("examples/c/build/fba-c", "pass", 20, 1, 1);
        CheckRun one = check("examples/c/build/fba-c-fifo", "one", 1, 1, 1);
        CheckRun several = check("examples/c/build/fba-c-five-faults", "several", 20, 1, 1);
        CheckRun cannot = check("/nonexistent/impl", "cannot", 20, 1, 1);
        CheckRun first = check("examples/c/build/fba-c-two-faults", "s1", 20, 1, 2);
        CheckRun second = check("examples/c/build/fba-c-two-faults", "s2", 20, 2, 2);
        assertEquals(List.of(0, 1, 1, 3, 1), List.of(pass.status, one.status, several.status, cannot.status,
                first.status), several.out + cannot.out);
        @SuppressWarnings("unchecked")
        ShardMerge.Result merged = ShardMerge.merge(List.of(
                new ShardMerge.Shard("s1.json", (Map<String, Object>) Json.parse(Files.readString(tmp.resolve("s1.json")))),
                new ShardMerge.Shard("s2.json", (Map<String, Object>) Json.parse(Files.readString(tmp.resolve("s2.json"))))));
        Path mergedFile = tmp.resolve("merged.json");
        Files.writeString(mergedFile, Json.write(merged.report()));
        for (String name : new String[] {"pass", "one", "several", "cannot", "s1", "s2"}) {
            Path p = tmp.resolve(name + ".json");
            assertEquals(Set.of(), errors(p), name + ": " + Files.readString(p));
        }
        assertEquals(Set.of(), errors(mergedFile), Files.readString(mergedFile));
    }

    @Test
    void givenAReportThatBreaksTheSchema_whenValidated_thenItIsRejected() throws IOException {
        check("examples/c/build/fba-c", "good", 20, 1, 1);
        JsonNode good = MAPPER.readTree(tmp.resolve("good.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) good).put("exit_status", 1);
        assertFalse(schema.validate(good).isEmpty(), "a pass must exit 0");
        ((com.fasterxml.jackson.databind.node.ObjectNode) good).put("exit_status", 0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) good).remove("divergences");
        assertFalse(schema.validate(good).isEmpty(), "divergences is required");
    }
}
