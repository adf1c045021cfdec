package dev.descent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.cli.DescentCommand;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exported scripts, run with PyTorch, reproduce Descent's training loss: for every run of the
 * experiments below, {@code python3 train.py --steps 100} writes the losses {@code descent run --steps 100}
 * writes to metrics.csv, within 10⁻⁴ relative at every step (float32). Together the experiments hold every
 * optimizer, node type, activation, loss, input normalizer and schedule.
 *
 * <p>Not here: {@code sample-data/batch-layer-norm.json}. Its normalized 8-layer runs are chaotic in float32:
 * in PyTorch alone, initial weights perturbed by 10⁻⁷ (relative) move the loss by up to 4·10⁻² (batch norm)
 * and 0.9 (layer norm) within 100 steps, past 10⁻⁴ from steps 5 and 7 on, so no replica can stay within 10⁻⁴
 * there; the script leaves Descent's loss at steps 3 and 7, and ends as Descent's runs do (batch norm
 * learns, layer norm learns best).
 *
 * <p>Needs {@code /usr/bin/python3} with torch ({@code python3-torch} on Debian; another interpreter with
 * {@code -Ddescent.python=PATH}); without it every test is skipped with a message saying so. One Python
 * process runs all scripts, so torch is imported once.
 */
class PyTorchParityTest {
    private static final String PYTHON = System.getProperty("descent.python", "/usr/bin/python3");
    private static final int STEPS = 100;
    private static final double TOLERANCE = 1e-4;
    private static final Path PARITY = Path.of("src/test/resources/dev/descent/export/parity");

    @TempDir
    static Path dir;

    /** Per experiment, per run: the script's directory and Descent's losses. */
    private static final Map<String, Map<String, Run>> RUNS = new LinkedHashMap<>();
    private static String standaloneOutput;
    /** Why PyTorch cannot run here, or null. */
    private static String missing;

    private record Run(Path script, double[] descent) {
    }

    static Stream<Path> experiments() {
        return Stream.of(PARITY.resolve("optimizers.json"), PARITY.resolve("nodes.json"),
                PARITY.resolve("regression.json"), PARITY.resolve("mae.json"), PARITY.resolve("huber.json"),
                PARITY.resolve("binary.json"), PARITY.resolve("pixels.json"), Path.of("sample-data/optimizers.json"));
    }

    @BeforeAll
    static void trainEveryRunInDescentAndInPyTorch() throws Exception {
        missing = torchMissing();
        if (missing != null) {
            System.err.println("PyTorchParityTest skipped: " + missing);
            return;
        }
        List<Path> scripts = new ArrayList<>();
        for (Path file : experiments().toList()) {
            String name = file.getParent().getFileName() + "-" + file.getFileName().toString().replace(".json", "");
            Path out = dir.resolve(name);
            Map<String, double[]> losses = descentLosses(file, out.resolve("descent"));
            Experiment experiment = ExperimentReader.read(file);
            Map<String, Run> runs = new LinkedHashMap<>();
            for (PyTorchExport.Exported e : PyTorchExport.write(experiment, out.resolve("pytorch"),
                    PyTorchExport.Options.everyRun())) {
                runs.put(e.run(), new Run(e.script(), losses.get(e.run())));
                scripts.add(e.script());
            }
            RUNS.put(file.toString(), runs);
        }
        runInOnePython(scripts);
    }

    /** Why the parity cannot be checked here, or null when it can. */
    private static String torchMissing() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return PYTHON + " -c \"import torch\" did not finish in 2 minutes";
            }
            return p.exitValue() == 0 ? null : PYTHON + " cannot import torch (" + lastLine(output)
                    + "); install python3-torch to check the PyTorch export";
        } catch (IOException e) {
            return PYTHON + " does not run (" + e.getMessage() + "); install python3-torch to check the PyTorch export";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Map<String, double[]> descentLosses(Path file, Path out) throws IOException {
        StringWriter err = new StringWriter();
        int code = DescentCommand.execute(new String[]{"run", file.toString(), "--steps", Integer.toString(STEPS),
                "--out", out.toString(), "--quiet"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, "descent run " + file + ": " + err);
        Map<String, List<Double>> byRun = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        List<String> header = cells(lines.get(0));
        int run = header.indexOf("run");
        int loss = header.indexOf("train_loss");
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = cells(line);
            byRun.computeIfAbsent(row.get(run), k -> new ArrayList<>()).add(Double.parseDouble(row.get(loss)));
        }
        Map<String, double[]> result = new LinkedHashMap<>();
        byRun.forEach((k, v) -> result.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return result;
    }

    /** The cells of a CSV line (quoted cells may hold commas and doubled quotes). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /**
     * Runs every script for {@link #STEPS} steps in one Python process (torch is imported once), and, in a
     * second process at the same time, the first script on its own for 3 steps as a user would.
     */
    private static void runInOnePython(List<Path> scripts) throws Exception {
        Path driver = dir.resolve("run_all.py");
        Files.writeString(driver, """
                import contextlib, io, os, runpy, sys, traceback
                import torch
                steps, failed = sys.argv[1], 0
                for script in sys.argv[2:]:
                    sys.argv = [script, "--steps", steps, "--out", os.path.join(os.path.dirname(script), "torch.csv")]
                    try:
                        with contextlib.redirect_stdout(io.StringIO()):
                            runpy.run_path(script, run_name="__main__")
                    except BaseException:
                        print("failed:", script, file=sys.stderr)
                        traceback.print_exc()
                        failed += 1
                sys.exit(1 if failed else 0)
                """);
        List<String> command = new ArrayList<>(List.of(PYTHON, driver.toString(), Integer.toString(STEPS)));
        scripts.forEach(s -> command.add(s.toString()));
        Path log = dir.resolve("python.log");
        Process all = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path first = scripts.get(0);
        Process standalone = new ProcessBuilder(PYTHON, first.toString(), "--steps", "3", "--out",
                first.resolveSibling("standalone.csv").toString()).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        standaloneOutput = new String(standalone.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = standalone.waitFor(5, TimeUnit.MINUTES) & all.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            all.destroyForcibly();
            standalone.destroyForcibly();
        }
        assertTrue(done, "the scripts did not finish in 10 minutes");
        assertEquals(0, all.exitValue(), "a script failed:\n" + Files.readString(log));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("experiments")
    void everyRunsScriptFollowsDescentsTrainingLossFor100Steps(Path file) throws IOException {
        assumeTrue(missing == null, missing);
        List<String> gaps = new ArrayList<>();
        for (Map.Entry<String, Run> entry : RUNS.get(file.toString()).entrySet()) {
            double[] expected = entry.getValue().descent();
            List<String> lines = Files.readAllLines(entry.getValue().script().resolveSibling("torch.csv"));
            assertEquals("step,train_loss", lines.get(0), entry.getKey());
            assertEquals(STEPS, expected.length, entry.getKey() + ": Descent's steps");
            assertEquals(STEPS, lines.size() - 1, entry.getKey() + ": the script's steps");
            double worst = 0;
            int at = 0;
            for (int i = 0; i < STEPS; i++) {
                String[] row = lines.get(i + 1).split(",");
                assertEquals(Integer.toString(i + 1), row[0], entry.getKey() + ": step numbering");
                double gap = Math.abs(Double.parseDouble(row[1]) - expected[i]) / Math.abs(expected[i]);
                if (!(gap <= worst)) {
                    worst = gap;
                    at = i + 1;
                }
            }
            if (!(worst <= TOLERANCE)) {
                gaps.add(String.format(Locale.ROOT, "%s: relative gap %.2e at step %d", entry.getKey(), worst, at));
            }
        }
        assertTrue(gaps.isEmpty(), file + ": the script's loss leaves Descent's: " + String.join("; ", gaps));
    }

    @Test
    void aScriptRunsOnItsOwnAndWritesOneRowPerStep() throws IOException {
        assumeTrue(missing == null, missing);
        Path first = RUNS.values().iterator().next().values().iterator().next().script();
        List<String> lines = Files.readAllLines(first.resolveSibling("standalone.csv"));
        assertEquals(List.of("step,train_loss", "1", "2", "3"),
                lines.stream().map(l -> l.contains(",") && !l.startsWith("step") ? l.substring(0, l.indexOf(',')) : l)
                        .toList(), standaloneOutput);
        assertTrue(standaloneOutput.contains("wrote "), standaloneOutput);
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
