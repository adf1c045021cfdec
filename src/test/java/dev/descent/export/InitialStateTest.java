package dev.descent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.engine.nn.Network;
import dev.descent.engine.nn.ParameterSegment;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.PreparedExperiment;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The initial weights and dropout masks exported beside the script are Descent's, in PyTorch's layout. */
class InitialStateTest {
    @TempDir
    Path dir;

    private PreparedExperiment prepared() throws Exception {
        Path file = dir.resolve("exp.json");
        Files.writeString(file, """
                { "format": 1, "seed": 9,
                  "dataset": { "generator": "blobs", "samples": 90, "classes": 3, "validation": 0.1 },
                  "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 5},
                                          {"id": "bn", "type": "batch_norm"},
                                          {"id": "d", "type": "dropout", "rate": 0.3},
                                          {"id": "h-2", "type": "dense", "units": 4, "bias": false},
                                          {"id": "ln", "type": "layer_norm"},
                                          {"id": "out", "type": "dense", "units": 3, "init": "he_normal"},
                                          {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                               "edges": [ ["in","h1"], ["h1","bn"], ["bn","d"], ["d","h-2"], ["h-2","ln"],
                                          ["ln","out"], ["out","loss"] ] },
                  "training": { "epochs": 3, "batchSize": 20 },
                  "runs": [ { "name": "r", "optimizer": "sgd" } ] }
                """);
        Experiment experiment = ExperimentReader.read(file);
        return PreparedExperiment.prepare(experiment);
    }

    @Test
    void weightsAreDescentsInitialValuesWithDenseMatricesTransposed() throws Exception {
        PreparedExperiment prepared = prepared();
        RunPlan plan = RunPlan.of(prepared, prepared.runs().get(0), false, PyTorchExport.MASK_LIMIT);
        StringWriter json = new StringWriter();
        new InitialState(plan, new NetworkCode(plan)).writeWeights(prepared.data().shape(), json);
        JsonNode state = new ObjectMapper().readTree(json.toString());

        Network network = Network.create(plan.network(), prepared.data().shape(), DataType.FLOAT, plan.seed());
        INDArray values = network.parameters();
        List<String> names = new ArrayList<>();
        state.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("h1.weight", "h1.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var",
                "bn.num_batches_tracked", "h_2.weight", "ln.weight", "ln.bias", "out.weight", "out.bias"), names);
        for (ParameterSegment s : network.segments()) {
            if (s.nodeId().equals("bn") || s.nodeId().equals("ln")) {
                continue;
            }
            String name = s.nodeId().equals("h-2") ? "h_2" : s.nodeId();
            JsonNode w = state.get(name + ".weight");
            int units = w.size();
            int in = w.get(0).size();
            for (int u = 0; u < units; u++) {
                for (int i = 0; i < in; i++) {
                    // Descent's W[i][u] (row-major [in, units]) is nn.Linear's weight[u][i]
                    assertEquals(values.getFloat(0, s.offset() + (long) i * units + u), w.get(u).get(i).floatValue(),
                            0f, name + " [" + u + "][" + i + "]");
                }
            }
        }
        assertEquals(0f, state.get("h1.bias").get(4).floatValue());
        assertEquals(1f, state.get("bn.weight").get(0).floatValue());
        assertEquals(1f, state.get("bn.running_var").get(0).floatValue());
        assertEquals(0, state.get("bn.num_batches_tracked").intValue());
        assertEquals(1f, state.get("ln.weight").get(3).floatValue());
    }

    @Test
    void masksCoverTheWholeRunAtEachStepsBatchSize() throws Exception {
        PreparedExperiment prepared = prepared();
        RunPlan plan = RunPlan.of(prepared, prepared.runs().get(0), false, PyTorchExport.MASK_LIMIT);
        // 81 training examples in batches of 20: 20, 20, 20, 21 (a single leftover joins the last batch)
        assertEquals(12, plan.maskSteps());
        List<Integer> sizes = new ArrayList<>();
        new InitialState(plan, new NetworkCode(plan)).drawMasks(prepared.data().shape(),
                masks -> sizes.add((int) masks.get(0).rows()));
        assertEquals(List.of(20, 20, 20, 21, 20, 20, 20, 21, 20, 20, 20, 21), sizes);
    }

    @Test
    void aMaskLimitKeepsTheFirstStepsThatFit() throws Exception {
        PreparedExperiment prepared = prepared();
        // a step draws about 20 × 5 values
        RunPlan plan = RunPlan.of(prepared, prepared.runs().get(0), false, 500);
        assertEquals(4, plan.maskSteps());
        assertTrue(new TrainScript(plan).render().contains("drew in its first 4 steps"));
        assertEquals(0, RunPlan.of(prepared, prepared.runs().get(0), true, 500).maskSteps());
    }
}
