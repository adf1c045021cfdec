package dev.descent.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pytorch.json carries both ratios, Descent's figure over torch's on one thread and on all cores. */
class PeerBenchmarkJsonTest {
    @Test
    void eachCaseHasBothRatiosComputedFromItsFigures() throws Exception {
        // given Descent at 500 steps/s against torch at 400 on one thread and 250 on all cores
        String json = PeerBenchmark.json("1.13.0", "1.0 0.5 0.2", 2,
                List.of(new PeerBenchmark.Row("mlp", "adam", 500, 520, 400, 410, 250)), "null");
        // when
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode mlp = root.get("cases").get(0);
        // then
        assertEquals("adam", mlp.get("optimizer").asText());
        assertEquals(1.25, mlp.get("ratio_vs_torch_1_thread").asDouble(), 1e-9);
        assertEquals(2.0, mlp.get("ratio_vs_torch_all_cores").asDouble(), 1e-9);
        assertEquals(520 / 410.0, mlp.get("cpu_ratio_vs_torch_1_thread").asDouble(), 1e-3);
        assertEquals("1.0 0.5 0.2", root.get("load_average").asText());
        assertTrue(root.get("fashion_mnist").isNull());
    }
}
