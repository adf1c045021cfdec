package dev.descent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds and sweeps export one script per member, each with the member's own seed and batch size. */
class ExportMembersTest {
    @TempDir
    Path dir;

    private static Experiment experiment(long seed, int seeds) throws Exception {
        return ExperimentReader.parse("""
                { "format": 1, "name": "members", "seed": %d,
                  "dataset": { "generator": "xor", "samples": 80, "validation": 0.25 },
                  "network": { "nodes": [ {"id": "in", "type": "input"}, {"id": "h1", "type": "dense", "units": 4},
                                          {"id": "a1", "type": "activation", "function": "tanh"},
                                          {"id": "out", "type": "dense", "units": 2},
                                          {"id": "loss", "type": "loss", "function": "cross_entropy"} ],
                               "edges": [ ["in","h1"], ["h1","a1"], ["a1","out"], ["out","loss"] ] },
                  "training": { "epochs": 1, "batchSize": 8, "seeds": %d },
                  "runs": [ {"name": "SGD", "optimizer": "sgd", "sweep": {"batchSize": [16, 32]}},
                            {"name": "Adam", "optimizer": "adam"} ] }
                """.formatted(seed, seeds), null);
    }

    private static String line(Path script, String prefix) throws Exception {
        return Files.readAllLines(script).stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void everyMemberOfEverySweepPointGetsItsOwnScript() throws Exception {
        // given two seeds of a run swept over two batch sizes, and a plain run
        // when every run is exported
        List<PyTorchExport.Exported> written = PyTorchExport.write(experiment(3, 2), dir, PyTorchExport.Options.everyRun());

        // then there is one script per member: 2 points × 2 seeds + 2 seeds
        assertEquals(List.of("SGD batch=16 #0", "SGD batch=16 #1", "SGD batch=32 #0", "SGD batch=32 #1", "Adam #0", "Adam #1"),
                written.stream().map(PyTorchExport.Exported::run).toList());
        Path member = dir.resolve("sgd-batch-32-1").resolve("train.py");
        assertEquals(member, written.get(3).script());
        // member k trains from seed 3 + k with its point's batch size
        assertTrue(line(member, "SEED = ").startsWith("SEED = 4  # member 1 of its run"), line(member, "SEED = "));
        assertEquals("BATCH_SIZE = 32", line(member, "BATCH_SIZE = "));
        assertTrue(line(dir.resolve("sgd-batch-16-0").resolve("train.py"), "SEED = ").startsWith("SEED = 3  # chose the split"));
        assertEquals("BATCH_SIZE = 8", line(dir.resolve("adam-1").resolve("train.py"), "BATCH_SIZE = "));
    }

    @Test
    void memberOneStartsFromTheWeightsOfItsSeedAlone() throws Exception {
        // given member 1 of seed 3 and the one-seed experiment with seed 4
        PyTorchExport.write(experiment(3, 2), dir.resolve("seeds"), new PyTorchExport.Options("Adam", false));
        PyTorchExport.write(experiment(4, 1), dir.resolve("alone"), new PyTorchExport.Options("Adam", false));

        // then both start from the same initial weights (Network.create with seed 4)
        String member = Files.readString(dir.resolve("seeds").resolve("adam-1").resolve(TrainScript.WEIGHTS_JSON));
        String alone = Files.readString(dir.resolve("alone").resolve(TrainScript.WEIGHTS_JSON));
        assertEquals(alone, member);
        String first = Files.readString(dir.resolve("seeds").resolve("adam-0").resolve(TrainScript.WEIGHTS_JSON));
        assertTrue(!first.equals(member), "member 0 starts from seed 3's weights, not seed 4's");
    }

    @Test
    void aSweptRunIsSelectedByItsOwnName() throws Exception {
        // when only the swept run is exported, by the name the file gives it
        List<PyTorchExport.Exported> written = PyTorchExport.write(experiment(3, 1), dir, new PyTorchExport.Options("SGD", false));

        // then both its points are written (their names are the point names)
        assertEquals(List.of("SGD batch=16", "SGD batch=32"), written.stream().map(PyTorchExport.Exported::run).toList());
        assertEquals("BATCH_SIZE = 16", line(dir.resolve("sgd-batch-16").resolve("train.py"), "BATCH_SIZE = "));
    }
}
