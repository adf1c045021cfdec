package dev.descent.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run's {@code "sweep"}: how it is read, how it expands into named grid points, and what is refused. */
class SweepTest {

    /** A moons file with the given runs array and training object (single quotes for double quotes). */
    private static String file(String runs, String training) {
        return ("{'format': 1, 'dataset': {'generator': 'moons'}, 'training': " + training + ", 'runs': " + runs + "}")
                .replace('\'', '"');
    }

    private static String swept(String optimizer, String sweep) {
        return file("[{'name': 'Adam', 'optimizer': " + optimizer + ", 'sweep': " + sweep + "}]", "{}");
    }

    private static Experiment parse(String text) throws ExperimentException {
        return ExperimentReader.parse(text, null);
    }

    private static String problem(String text) {
        List<String> problems = assertThrows(ExperimentException.class, () -> parse(text)).messages();
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        return problems.get(0);
    }

    private static List<String> names(Experiment e) {
        return SweepPoints.of(e).stream().map(SweepPoints.Point::name).toList();
    }

    @Test
    void aLogRangeGivesDecadesExactlyAndNamesEachPoint() throws Exception {
        Experiment e = parse(swept("'adam'", "{'learningRate': {'log': [0.001, 1], 'count': 4}}"));

        List<SweepPoints.Point> points = SweepPoints.of(e);

        assertEquals(List.of("Adam lr=0.001", "Adam lr=0.01", "Adam lr=0.1", "Adam lr=1"), names(e));
        assertEquals(List.of(0.001, 0.01, 0.1, 1.0),
                points.stream().map(p -> p.run().optimizer().value("learningRate")).toList());
        assertEquals(Map.of("learningRate", 0.1), points.get(2).values());
        assertEquals(0, points.get(2).batchSize(), "the experiment's batch size");
    }

    @Test
    void twoAxesMakeAGridWhoseFirstAxisVariesSlowest() throws Exception {
        Experiment e = parse(swept("{'type': 'momentum', 'learningRate': 0.05}",
                "{'momentum': [0.5, 0.9], 'batchSize': {'linear': [16, 64], 'count': 3}}"));

        List<SweepPoints.Point> points = SweepPoints.of(e);

        assertEquals(List.of("Adam momentum=0.5 batch=16", "Adam momentum=0.5 batch=40", "Adam momentum=0.5 batch=64",
                "Adam momentum=0.9 batch=16", "Adam momentum=0.9 batch=40", "Adam momentum=0.9 batch=64"), names(e));
        assertEquals(40, points.get(4).batchSize());
        assertEquals(0.9, points.get(4).run().optimizer().value("momentum"));
        assertEquals(0.05, points.get(4).run().optimizer().value("learningRate"), "what the run sets stays");
        assertEquals(List.of("learningRate", "momentum"), List.copyOf(points.get(4).run().optimizer().values().keySet()));
    }

    @Test
    void namesShowThreeSignificantDigitsAndMoreOnlyWhereTwoWouldReadTheSame() throws Exception {
        assertEquals(List.of("0.001", "0.00316", "0.01"), SweepPoints.labels(new Sweep.Log(0.001, 0.01, 3).expand()));
        assertEquals(List.of("0.1", "0.1001"), SweepPoints.labels(List.of(0.1, 0.1001)));
        assertEquals(List.of("1e-7", "1e-5"), SweepPoints.labels(List.of(1e-7, 1e-5)));
        assertEquals(List.of("32", "128"), SweepPoints.labels(List.of(32.0, 128.0)));
    }

    @Test
    void aScheduleParameterIsSweptOnTheSchedule() throws Exception {
        Experiment e = parse(file("[{'name': 'S', 'optimizer': 'sgd', 'schedule': {'type': 'step', 'stepSize': 100},"
                + " 'sweep': {'gamma': [0.5, 0.1]}}]", "{}"));

        assertEquals(List.of(0.5, 0.1), SweepPoints.of(e).stream().map(p -> p.run().schedule().value("gamma")).toList());
        assertEquals(List.of("S gamma=0.5", "S gamma=0.1"), names(e));
    }

    @Test
    void aSweepIsWrittenBackAsItWasRead() throws Exception {
        Experiment e = parse(swept("'adam'", "{'learningRate': {'log': [0.001, 1], 'count': 4}, 'batchSize': [16, 32]}")
                .replace("\"training\": {}", "\"training\": {\"seeds\": 4}"));

        Experiment again = parse(ExperimentWriter.toJson(e));

        assertEquals(e.runs(), again.runs());
        assertEquals(4, again.training().seeds());
    }

    @Test
    void membersAreRunThenPointThenSeedNamedAfterTheirPoint() throws Exception {
        Experiment e = parse(file("[{'name': 'SGD', 'optimizer': 'sgd'}, {'name': 'Adam', 'optimizer': 'adam',"
                + " 'sweep': {'learningRate': [0.01, 0.1]}}]", "{'seeds': 2}"));

        var members = PreparedExperiment.members(e);

        assertEquals(List.of("SGD #0", "SGD #1", "Adam lr=0.01 #0", "Adam lr=0.01 #1", "Adam lr=0.1 #0", "Adam lr=0.1 #1"),
                members.stream().map(m -> m.name()).toList());
        assertEquals(List.of("SGD", "SGD", "Adam lr=0.01", "Adam lr=0.01", "Adam lr=0.1", "Adam lr=0.1"),
                members.stream().map(m -> m.group()).toList());
        assertEquals(List.of(0, 1, 0, 1, 0, 1), members.stream().map(m -> m.member()).toList());
    }

    // ---- bad input: one problem each, with its message ----

    @Test
    void anUnknownParameterIsNamedWithTheValidOnesForThatOptimizer() {
        assertEquals("runs[0].sweep: unknown parameter 'lr'; valid parameters for adam with schedule constant are"
                        + " learningRate, beta1, beta2, eps, weightDecay, clipNorm, warmup, batchSize",
                problem(swept("'adam'", "{'lr': [0.1]}")));
        assertEquals("runs[0].sweep: unknown parameter 'beta1'; valid parameters for sgd with schedule constant are"
                        + " learningRate, weightDecay, clipNorm, warmup, batchSize",
                problem(file("[{'name': 'A', 'optimizer': 'sgd', 'sweep': {'beta1': [0.9]}}]", "{}")));
    }

    @Test
    void aLogRangeMustBePositiveAndNotEmpty() {
        assertEquals("runs[0].sweep.learningRate: a log range needs ends above 0, got [0, 1]",
                problem(swept("'adam'", "{'learningRate': {'log': [0, 1], 'count': 3}}")));
        assertEquals("runs[0].sweep.learningRate: a log range needs ends above 0, got [-1, 1]",
                problem(swept("'adam'", "{'learningRate': {'log': [-1, 1], 'count': 3}}")));
        assertEquals("runs[0].sweep.learningRate: the log range [0.1, 0.1] is empty; give two different ends, or list"
                + " the one value as [0.1]", problem(swept("'adam'", "{'learningRate': {'log': [0.1, 0.1], 'count': 3}}")));
    }

    @Test
    void aCountBelowOneIsRefused() {
        assertEquals("runs[0].sweep.learningRate: count must be in [1, 4096], got 0",
                problem(swept("'adam'", "{'learningRate': {'linear': [0.1, 1], 'count': 0}}")));
    }

    @Test
    void valuesOutOfTheParametersRangeAreRefused() {
        assertEquals("runs[0].sweep.momentum: momentum must be in [0, 1), got 1",
                problem(swept("'momentum'", "{'momentum': {'linear': [0, 1], 'count': 3}}")));
        assertEquals("runs[0].sweep.batchSize: gives the value 16 twice (batchSize is a whole number); give distinct values",
                problem(swept("'adam'", "{'batchSize': {'log': [16, 17], 'count': 3}}")));
        assertEquals("runs[0].sweep.learningRate: has no values; give at least one, e.g. [0.01, 0.1]",
                problem(swept("'adam'", "{'learningRate': []}")));
    }

    @Test
    void threeAxesAreRefused() {
        assertEquals("runs[0].sweep: sweeps 3 parameters; a sweep has one or two axes",
                problem(swept("'adam'", "{'learningRate': [0.1], 'beta1': [0.9], 'beta2': [0.99]}")));
    }

    @Test
    void moreThan4096MembersAreRefused() {
        assertEquals("runs: 5,000 members (runs x sweep points x seeds) are more than the 4,096 that train in one"
                        + " comparison; sweep fewer values, use fewer seeds, or split the runs into several experiments",
                problem(file("[{'name': 'A', 'optimizer': 'sgd', 'sweep': {'learningRate': {'log': [0.001, 1],"
                        + " 'count': 50}, 'batchSize': {'linear': [10, 109], 'count': 100}}}]", "{}")));
        assertEquals("runs: 4,160 members (runs x sweep points x seeds) are more than the 4,096 that train in one"
                        + " comparison; sweep fewer values, use fewer seeds, or split the runs into several experiments",
                problem(file("[{'name': 'A', 'optimizer': 'sgd', 'sweep': {'learningRate': {'log': [0.001, 1],"
                        + " 'count': 65}}}]", "{'seeds': 64}")));
    }

    @Test
    void aPointNamedLikeAnotherRunIsRefused() {
        assertEquals("runs[1].sweep: the point 'A lr=0.1' has the name of another run; rename one of the runs",
                problem(file("[{'name': 'A lr=0.1', 'optimizer': 'sgd'}, {'name': 'A', 'optimizer': 'sgd',"
                        + " 'sweep': {'learningRate': [0.1, 1]}}]", "{}")));
    }
}
