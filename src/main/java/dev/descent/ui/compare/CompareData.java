package dev.descent.ui.compare;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.train.RunHistory;
import dev.descent.engine.train.RunSummary;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import dev.descent.experiment.SweepPoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Compare area shows at one moment: the comparison's members grouped into the runs of the file
 * (sweep points included), and the grid of each swept run. Pure: built from a comparison's snapshot, or
 * from given traces in tests.
 *
 * @param runs  every run (point), in member order
 * @param grids each swept run's grid, in file order
 */
public record CompareData(List<RunGroup> runs, List<Grid> grids) {
    /** Nothing to compare. */
    public static final CompareData EMPTY = new CompareData(List.of(), List.of());

    public CompareData {
        runs = List.copyOf(runs);
        grids = List.copyOf(grids);
    }

    /**
     * A swept run's grid of points: one axis (a strip) or two (rows the first axis, columns the second).
     *
     * @param run    the swept run's name
     * @param axes   the swept keys, in axis order
     * @param values each axis's values, in order
     * @param points the grid's runs by their position: row-major, {@code points.get(i * columns + j)}
     */
    public record Grid(String run, List<String> axes, List<List<Double>> values, List<RunGroup> points) {
        public int rows() {
            return values.get(0).size();
        }

        public int columns() {
            return values.size() > 1 ? values.get(1).size() : 1;
        }

        public RunGroup at(int row, int column) {
            return points.get(row * columns() + column);
        }
    }

    /** The data of {@code comparison}, which trains {@code experiment}, as it stands now. */
    public static CompareData of(LockstepComparison comparison, Experiment experiment) {
        List<RunSummary> summaries = comparison.summaries();
        Map<String, List<MemberTrace>> byRun = new LinkedHashMap<>();
        for (int i = 0; i < comparison.runCount(); i++) {
            RunConfig config = comparison.run(i);
            RunHistory h = comparison.history(i);
            byRun.computeIfAbsent(config.group(), k -> new ArrayList<>()).add(new MemberTrace(i, config.member(),
                    summaries.get(i), h.trainLoss().snapshot(), h.validationLoss().snapshot(),
                    h.validationAccuracy().snapshot()));
        }
        return of(byRun, experiment);
    }

    /** Groups {@code members} (by run name, in member order) as the points of {@code experiment}'s runs. */
    public static CompareData of(Map<String, List<MemberTrace>> members, Experiment experiment) {
        Map<String, SweepPoints.Point> points = new HashMap<>();
        Map<String, RunSpec> sweptBy = new HashMap<>();
        for (RunSpec run : experiment.runs()) {
            for (SweepPoints.Point p : SweepPoints.of(run)) {
                points.put(p.name(), p);
                if (run.sweep() != null) {
                    sweptBy.put(p.name(), run);
                }
            }
        }
        List<RunGroup> runs = new ArrayList<>();
        Map<String, RunGroup> byName = new HashMap<>();
        members.forEach((name, traces) -> {
            SweepPoints.Point p = points.get(name);
            RunSpec swept = sweptBy.get(name);
            RunGroup g = new RunGroup(name, swept == null ? null : swept.name(), p == null ? Map.of() : p.values(), traces);
            runs.add(g);
            byName.put(name, g);
        });
        List<Grid> grids = new ArrayList<>();
        for (RunSpec run : experiment.runs()) {
            if (run.sweep() == null) {
                continue;
            }
            List<SweepPoints.Point> own = SweepPoints.of(run);
            List<String> axes = run.sweep().axes().stream().map(a -> a.parameter()).toList();
            List<List<Double>> values = new ArrayList<>();
            for (String axis : axes) {
                values.add(own.stream().map(p -> p.values().get(axis)).distinct().toList());
            }
            List<RunGroup> cells = own.stream().map(p -> byName.get(p.name())).toList();
            if (cells.stream().allMatch(java.util.Objects::nonNull)) {
                grids.add(new Grid(run.name(), axes, values, cells));
            }
        }
        return new CompareData(runs, grids);
    }
}
