package dev.descent.ui.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.cli.DescentCommand;
import dev.descent.engine.landscape.TestFunction;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import javafx.scene.paint.Color;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The race's paths equal {@code descent trajectory}'s to the last digit: the CLI's CSV (Java's shortest
 * round-trip double text) against the race's own stepping, coordinate by coordinate, by exact text.
 */
class RaceMatchesCliTest {

    @ParameterizedTest
    @CsvSource({
            "rosenbrock, sgd, 0.001, -1.5, 2",
            "rosenbrock, momentum, 0.001, -1.5, 2",
            "rosenbrock, rmsprop, 0.01, -1.5, 2",
            "rosenbrock, adagrad, 0.5, -1.5, 2",
            "rosenbrock, adam, 0.05, -1.5, 2",
            "beale, adam, 0.01, 1, 1.5",
            "himmelblau, momentum, 0.01, 0.3, -0.7",
            "saddle, rmsprop, 0.01, -1, 0.001",
            "rastrigin, adam, 0.1, 2.5, 2.5",
            "quadratic, adagrad, 0.3, -2, 1.5"})
    void everyCoordinateEqualsTheCli(String function, String optimizer, double lr, double x, double y) {
        int steps = 300;
        StringWriter out = new StringWriter();
        int code = DescentCommand.execute(new String[]{"trajectory", "--function", function, "--optimizer", optimizer,
                "--lr", Double.toString(lr), "--steps", Integer.toString(steps), "--start", x + "," + y},
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        List<String> cli = out.toString().strip().lines().skip(1).toList();

        OptimizerType type = OptimizerType.valueOf(optimizer.toUpperCase());
        Racer racer = new Racer(Choice.of(type).with("learningRate", lr), Color.RED);
        // the CLI's schedule spans --steps; a constant rate (the race's) does not depend on it
        racer.restart(TestFunction.byId(function).orElseThrow(), new double[]{x, y});
        for (int i = 0; i < steps && racer.step(); i++) {
            // walk as the race's timer does
        }
        assertEquals(cli.size(), racer.size(), "path length");
        for (int i = 0; i < racer.size(); i++) {
            String[] row = cli.get(i).split(",");
            assertEquals(row[1], Double.toString(racer.x(i)), "x at step " + i);
            assertEquals(row[2], Double.toString(racer.y(i)), "y at step " + i);
        }
    }
}
