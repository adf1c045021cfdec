package dev.descent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.descent.engine.train.RunConfig;
import dev.descent.experiment.ExperimentReader;
import dev.descent.experiment.PreparedExperiment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated train.py, compared line by line with reviewed copies in
 * {@code src/test/resources/dev/descent/export/golden}. After an intended change to the generator, rewrite
 * them with {@code mvn -o -q test -Dtest=GoldenScriptTest -Ddescent.updateGoldens=true} and review the diff.
 */
class GoldenScriptTest {
    private static final Path GOLDEN = Path.of("src/test/resources/dev/descent/export/golden");
    private static final Path PARITY = Path.of("src/test/resources/dev/descent/export/parity");
    private static final boolean UPDATE = Boolean.getBoolean("descent.updateGoldens");

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("optimizers-adam", Path.of("sample-data/optimizers.json"), "Adam", false),
                Arguments.of("parity-rmsprop", PARITY.resolve("optimizers.json"), "rmsprop", false),
                Arguments.of("parity-nadam", PARITY.resolve("optimizers.json"), "nadam", false),
                Arguments.of("nodes-gelu-step", PARITY.resolve("nodes.json"), "gelu selu, step", false),
                Arguments.of("nodes-gelu-step-fresh-init", PARITY.resolve("nodes.json"), "gelu selu, step", true),
                Arguments.of("nodes-warm-up-plateau", PARITY.resolve("nodes.json"), "softmax, warm-up plateau", false),
                Arguments.of("nodes-one-cycle", PARITY.resolve("nodes.json"), "softplus, one cycle", false),
                Arguments.of("regression-plateau-on-training-loss", PARITY.resolve("regression.json"),
                        "adam plateau on training loss", false),
                Arguments.of("binary-momentum", PARITY.resolve("binary.json"), "momentum", false),
                Arguments.of("pixels-one-hot-mse", PARITY.resolve("pixels.json"), "sgd", false));
    }

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    /** The script of {@code run} in the experiment {@code file} (rendered once per test class). */
    static String script(Path file, String run, boolean freshInit) throws Exception {
        String key = file + "|" + run + "|" + freshInit;
        String done = RENDERED.get(key);
        if (done == null) {
            done = render(file, run, freshInit);
            RENDERED.put(key, done);
        }
        return done;
    }

    private static String render(Path file, String run, boolean freshInit) throws Exception {
        PreparedExperiment prepared = PreparedExperiment.prepare(ExperimentReader.read(file));
        RunConfig config = prepared.runs().stream().filter(r -> r.name().equals(run)).findFirst().orElseThrow();
        return new TrainScript(RunPlan.of(prepared, config, freshInit, PyTorchExport.MASK_LIMIT)).render();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void generatedScriptEqualsItsGolden(String name, Path file, String run, boolean freshInit) throws Exception {
        String script = script(file, run, freshInit);
        Path golden = GOLDEN.resolve(name + ".py");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, script, StandardCharsets.UTF_8);
            System.out.println("GoldenScriptTest: wrote " + golden);
            return;
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + "; write it with -Ddescent.updateGoldens=true");
        List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8);
        List<String> actual = script.lines().toList();
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                fail(golden + " line " + (i + 1) + " differs:\n  golden:    " + expected.get(i) + "\n  generated: "
                        + actual.get(i) + "\n(after an intended change: -Ddescent.updateGoldens=true, then review the diff)");
            }
        }
        assertEquals(expected.size(), actual.size(), golden + ": number of lines");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void generatedLinesFitInOneHundredColumns(String name, Path file, String run, boolean freshInit) throws Exception {
        List<String> lines = script(file, run, freshInit).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int columns = lines.get(i).codePointCount(0, lines.get(i).length());
            assertTrue(columns <= 100, name + " line " + (i + 1) + " has " + columns + " columns: " + lines.get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void generatedScriptIsIndentedWithSpacesOnly(String name, Path file, String run, boolean freshInit)
            throws Exception {
        String script = script(file, run, freshInit);
        assertTrue(script.indexOf('\t') < 0, name + " holds a tab");
        assertTrue(script.lines().allMatch(l -> l.equals(l.stripTrailing())), name + " has trailing spaces");
    }
}
