package dev.descent.lesson;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Problem.Section;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which parts of a lesson's experiment a student may change: the {@link Part}s the lesson frees, every
 * other part locked. The experiment's name and the places of nodes on the canvas are never locked; runs
 * a student adds are the student's own.
 *
 * @param editable the parts the lesson lets the student change
 */
public record Locks(List<Part> editable) {

    public Locks {
        editable = List.copyOf(editable);
    }

    /** Whether the lesson lets the student change {@code part}. */
    public boolean allows(Part part) {
        return editable.stream().anyMatch(e -> e.covers(part));
    }

    /** Whether the student may change {@code field} of the run called {@code run}. */
    public boolean allowsRun(String run, String field) {
        return allows(new Part("runs", run, field));
    }

    /** Whether the student may change {@code key} of the node {@code id}. */
    public boolean allowsNode(String id, String key) {
        return allows(new Part("network", id, key));
    }

    /** Whether the student may add, remove or reconnect nodes. */
    public boolean allowsNetworkStructure() {
        return allows(new Part("network", null, null));
    }

    /**
     * Every locked part that {@code attempt} changes from {@code preset}, as problems whose where is the
     * part ({@code runs[Adam].optimizer}); empty when the attempt keeps to the editable parts.
     */
    public List<Problem> violations(Experiment preset, Experiment attempt) {
        List<Problem> found = new ArrayList<>();
        for (Part changed : changes(preset, attempt)) {
            if (!allows(changed)) {
                found.add(Problem.of(section(changed), changed.toString(), what(changed, preset, attempt)));
            }
        }
        return found;
    }

    private String what(Part changed, Experiment preset, Experiment attempt) {
        String free = editable.isEmpty() ? "it lets you change nothing"
                : "it lets you change " + String.join(", ", editable.stream().map(Part::toString).toList());
        String did;
        if (changed.area().equals("runs") && changed.key() == null) {
            did = "the run was removed";
        } else if (changed.area().equals("network") && changed.name() == null) {
            did = "nodes or edges were added, removed or retyped";
        } else {
            did = "changed";
        }
        return did + ", but the lesson locks it; " + free;
    }

    private static Section section(Part part) {
        return switch (part.area()) {
            case "dataset", "normalizer" -> Section.DATASET;
            case "training" -> Section.TRAINING;
            case "network" -> Section.NETWORK;
            case "runs" -> Section.RUNS;
            default -> Section.FILE;
        };
    }

    /** Every part in which {@code attempt} differs from {@code preset}, locked or not. */
    public static List<Part> changes(Experiment preset, Experiment attempt) {
        List<Part> parts = new ArrayList<>();
        if (preset.seed() != attempt.seed()) {
            parts.add(new Part("seed", null, null));
        }
        if (!located(preset).equals(located(attempt))) {
            parts.add(new Part("dataset", null, null));
        }
        if (!preset.normalizer().equals(attempt.normalizer())) {
            parts.add(new Part("normalizer", null, null));
        }
        compare(parts, "training", "epochs", preset, attempt, e -> e.training().epochs());
        compare(parts, "training", "batchSize", preset, attempt, e -> e.training().batchSize());
        compare(parts, "training", "evaluateEvery", preset, attempt, e -> e.training().evaluateEvery());
        networkChanges(parts, preset, attempt);
        for (RunSpec before : preset.runs()) {
            Optional<RunSpec> after = attempt.runs().stream().filter(r -> r.name().equals(before.name())).findFirst();
            if (after.isEmpty()) {
                parts.add(new Part("runs", before.name(), null));
                continue;
            }
            RunSpec a = after.get();
            field(parts, before.name(), "optimizer", before.optimizer(), a.optimizer());
            field(parts, before.name(), "schedule", before.schedule(), a.schedule());
            field(parts, before.name(), "init", before.init(), a.init());
            field(parts, before.name(), "activation", before.activation(), a.activation());
            field(parts, before.name(), "normalizer", before.normalizer(), a.normalizer());
            field(parts, before.name(), "normalization", before.normalization(), a.normalization());
        }
        return parts;
    }

    /** The dataset with its file paths made absolute, so an attempt saved elsewhere compares equal. */
    private static Object located(Experiment e) {
        DatasetSpec d = e.dataset();
        if (d instanceof DatasetSpec.Csv csv) {
            return new DatasetSpec.Csv(e.resolve(csv.path()).toAbsolutePath().toString(), csv.target(), csv.task(),
                    csv.validation());
        }
        if (d instanceof DatasetSpec.Idx idx) {
            return new DatasetSpec.Idx(e.resolve(idx.images()).toAbsolutePath().toString(),
                    e.resolve(idx.labels()).toAbsolutePath().toString(), idx.validation());
        }
        return d;
    }

    private static void compare(List<Part> parts, String area, String key, Experiment a, Experiment b,
                                Function<Experiment, Object> value) {
        if (!Objects.equals(value.apply(a), value.apply(b))) {
            parts.add(new Part(area, null, key));
        }
    }

    private static void field(List<Part> parts, String run, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            parts.add(new Part("runs", run, field));
        }
    }

    private static void networkChanges(List<Part> parts, Experiment preset, Experiment attempt) {
        Map<String, NodeSpec> before = byId(preset.network().nodes());
        Map<String, NodeSpec> after = byId(attempt.network().nodes());
        boolean sameNodes = before.keySet().equals(after.keySet())
                && before.values().stream().allMatch(n -> after.get(n.id()).type() == n.type());
        Set<Edge> edgesBefore = new HashSet<>(preset.network().edges());
        Set<Edge> edgesAfter = new HashSet<>(attempt.network().edges());
        if (!sameNodes || !edgesBefore.equals(edgesAfter)) {
            parts.add(new Part("network", null, null));
            return;
        }
        for (NodeSpec node : before.values()) {
            NodeSpec other = after.get(node.id());
            for (String key : node.type().keys()) {
                if (!Objects.equals(setting(node, key), setting(other, key))) {
                    parts.add(new Part("network", node.id(), key));
                }
            }
        }
    }

    /** The value of one of a node's settings: its choice, or a number or switch. */
    static Object setting(NodeSpec node, String key) {
        if (key.equals(node.type().choiceKey())) {
            return node.choice();
        }
        return node.type().param(key).map(node::value).orElse(null);
    }

    private static Map<String, NodeSpec> byId(List<NodeSpec> nodes) {
        Map<String, NodeSpec> map = new LinkedHashMap<>();
        nodes.forEach(n -> map.put(n.id(), n));
        return map;
    }
}
