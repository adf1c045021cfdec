package dev.descent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's files have exactly the agreed shape (the benchmark itself is not part of the tests). */
class EngineBenchmarkJsonTest {
    private static final List<EngineBenchmark.Result> RESULTS = List.of(
            new EngineBenchmark.Result("tiny", 3170, 514, 0.2, 0.6, 3431, 714),
            new EngineBenchmark.Result("mlp", 669, 293, 86, 157, 395, 253));

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void engineJsonHasTheAgreedKeysAndNoOthers() throws Exception {
        JsonNode root = new ObjectMapper().readTree(EngineBenchmark.engineJson(RESULTS));
        assertEquals(List.of("cases"), keys(root));
        assertEquals(List.of("name", "descent_steps_per_s", "dl4j_steps_per_s"), keys(root.get("cases").get(0)));
        assertEquals(List.of("name", "descent_steps_per_s", "dl4j_steps_per_s", "descent_gflops", "sgemm_gflops"),
                keys(root.get("cases").get(1)));
        assertEquals("mlp", root.get("cases").get(1).get("name").asText());
        assertEquals(157.0, root.get("cases").get(1).get("sgemm_gflops").asDouble());
    }

    @Test
    void adamFiguresGoToTheirOwnFile() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(EngineBenchmark.adamJson(RESULTS)).get("cases");
        assertEquals(List.of("name", "optimizer", "descent_steps_per_s", "dl4j_steps_per_s"), keys(cases.get(0)));
        assertEquals(395.0, cases.get(1).get("descent_steps_per_s").asDouble());
        assertEquals(253.0, cases.get(1).get("dl4j_steps_per_s").asDouble());
    }
}
