package dev.descent.ui.model;

import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Position;
import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.optim.Schedule;
import dev.descent.engine.vocab.Choice;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.RunSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every edit the window can make to an experiment, as pure functions from one immutable experiment to
 * the next. The window applies them through {@link ProjectModel#edit}, which records them for undo.
 */
public final class Edits {
    private Edits() {
    }

    /** A new node of {@code type} with its default settings, at {@code position}, with an id unused in {@code network}. */
    public static NodeSpec newNode(NodeType type, NetworkSpec network, Position position) {
        return type.newNode(freshId(network, type.idPrefix()), position);
    }

    /** {@code prefix} if unused, else prefix2, prefix3, ... */
    public static String freshId(NetworkSpec network, String prefix) {
        Set<String> used = new HashSet<>();
        network.nodes().forEach(n -> used.add(n.id()));
        if (!used.contains(prefix)) {
            return prefix;
        }
        for (int i = 2; ; i++) {
            if (!used.contains(prefix + i)) {
                return prefix + i;
            }
        }
    }

    public static Experiment addNode(Experiment e, NodeSpec node) {
        List<NodeSpec> nodes = new ArrayList<>(e.network().nodes());
        nodes.add(node);
        return e.withNetwork(new NetworkSpec(nodes, e.network().edges()));
    }

    /** Replaces the node with the same id. */
    public static Experiment replaceNode(Experiment e, NodeSpec node) {
        return e.withNetwork(e.network().replace(node));
    }

    /**
     * Connects {@code from}'s output to {@code to}'s input. Unchanged if the edge exists, would connect a
     * node to itself, or names a missing node (the validator reports other mistakes, such as cycles).
     */
    public static Experiment connect(Experiment e, String from, String to) {
        NetworkSpec n = e.network();
        Edge edge = new Edge(from, to);
        if (from.equals(to) || n.edges().contains(edge) || n.node(from).isEmpty() || n.node(to).isEmpty()) {
            return e;
        }
        List<Edge> edges = new ArrayList<>(n.edges());
        edges.add(edge);
        return e.withNetwork(new NetworkSpec(n.nodes(), edges));
    }

    /** Removes the given nodes (with every edge touching them) and the given edges. */
    public static Experiment delete(Experiment e, Collection<String> nodeIds, Collection<Edge> edges) {
        NetworkSpec n = e.network();
        List<NodeSpec> nodes = n.nodes().stream().filter(node -> !nodeIds.contains(node.id())).toList();
        List<Edge> kept = n.edges().stream()
                .filter(edge -> !edges.contains(edge) && !nodeIds.contains(edge.from()) && !nodeIds.contains(edge.to()))
                .toList();
        return e.withNetwork(new NetworkSpec(nodes, kept));
    }

    /** Moves nodes to new canvas positions. */
    public static Experiment move(Experiment e, Map<String, Position> positions) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec node : e.network().nodes()) {
            Position p = positions.get(node.id());
            nodes.add(p == null ? node : node.withPosition(p));
        }
        return e.withNetwork(new NetworkSpec(nodes, e.network().edges()));
    }

    /** Inserts {@code node} into {@code edge}: from → node → to. */
    public static Experiment insertOnEdge(Experiment e, Edge edge, NodeSpec node) {
        NetworkSpec n = e.network();
        if (!n.edges().contains(edge)) {
            return e;
        }
        List<NodeSpec> nodes = new ArrayList<>(n.nodes());
        nodes.add(node);
        List<Edge> edges = new ArrayList<>();
        for (Edge existing : n.edges()) {
            if (existing.equals(edge)) {
                edges.add(new Edge(edge.from(), node.id()));
                edges.add(new Edge(node.id(), edge.to()));
            } else {
                edges.add(existing);
            }
        }
        return e.withNetwork(new NetworkSpec(nodes, edges));
    }

    /** Renames a node, keeping its edges. Unchanged if the new id is taken or blank. */
    public static Experiment renameNode(Experiment e, String oldId, String newId) {
        NetworkSpec n = e.network();
        if (newId == null || newId.isBlank() || n.node(newId).isPresent() || n.node(oldId).isEmpty()) {
            return e;
        }
        List<NodeSpec> nodes = n.nodes().stream().map(node -> node.id().equals(oldId) ? node.withId(newId) : node).toList();
        List<Edge> edges = n.edges().stream().map(edge -> new Edge(edge.from().equals(oldId) ? newId : edge.from(),
                edge.to().equals(oldId) ? newId : edge.to())).toList();
        return e.withNetwork(new NetworkSpec(nodes, edges));
    }

    /**
     * Copies of {@code ids} with fresh ids, moved by ({@code dx}, {@code dy}), with the edges between
     * them; what a paste adds. Returns the experiment and, in {@code newIds}, the ids of the copies.
     */
    public static Experiment paste(Experiment e, List<NodeSpec> copied, List<Edge> copiedEdges, double dx, double dy,
                                   List<String> newIds) {
        NetworkSpec n = e.network();
        Map<String, String> rename = new LinkedHashMap<>();
        List<NodeSpec> nodes = new ArrayList<>(n.nodes());
        for (NodeSpec node : copied) {
            String id = freshId(new NetworkSpec(nodes, List.of()), stripDigits(node.id()));
            rename.put(node.id(), id);
            Position p = node.position() == null ? new Position(40, 40) : node.position();
            nodes.add(node.withId(id).withPosition(new Position(p.x() + dx, p.y() + dy)));
        }
        List<Edge> edges = new ArrayList<>(n.edges());
        for (Edge edge : copiedEdges) {
            if (rename.containsKey(edge.from()) && rename.containsKey(edge.to())) {
                edges.add(new Edge(rename.get(edge.from()), rename.get(edge.to())));
            }
        }
        newIds.addAll(rename.values());
        return e.withNetwork(new NetworkSpec(nodes, edges));
    }

    private static String stripDigits(String id) {
        String stripped = id.replaceAll("\\d+$", "");
        return stripped.isEmpty() ? id : stripped;
    }

    /** The activation node directly after {@code denseId}, if its only consumer is one. */
    public static java.util.Optional<NodeSpec.Activation> activationAfter(NetworkSpec n, String denseId) {
        List<String> outs = n.outputsOf(denseId);
        if (outs.size() == 1 && n.node(outs.get(0)).orElse(null) instanceof NodeSpec.Activation a) {
            return java.util.Optional.of(a);
        }
        return java.util.Optional.empty();
    }

    /**
     * Dropping an activation on a dense node: sets the function of the activation that follows it, or
     * inserts a new activation after it.
     */
    public static Experiment setActivationAfter(Experiment e, String denseId, Choice<ActivationFunction> function) {
        NetworkSpec n = e.network();
        var existing = activationAfter(n, denseId);
        if (existing.isPresent()) {
            return replaceNode(e, existing.get().withFunction(function));
        }
        NodeSpec dense = n.node(denseId).orElseThrow();
        Position p = dense.position() == null ? new Position(0, 0) : dense.position();
        NodeSpec.Activation activation = new NodeSpec.Activation(freshId(n, "act"), function,
                new Position(p.x() + 150, p.y()));
        List<String> outs = n.outputsOf(denseId);
        if (outs.isEmpty()) {
            return connect(addNode(e, activation), denseId, activation.id());
        }
        // splice in front of every consumer
        List<NodeSpec> nodes = new ArrayList<>(n.nodes());
        nodes.add(activation);
        List<Edge> edges = new ArrayList<>();
        for (Edge edge : n.edges()) {
            edges.add(edge.from().equals(denseId) ? new Edge(activation.id(), edge.to()) : edge);
        }
        edges.add(new Edge(denseId, activation.id()));
        return e.withNetwork(new NetworkSpec(nodes, edges));
    }

    public static Experiment addRun(Experiment e, RunSpec run) {
        List<RunSpec> runs = new ArrayList<>(e.runs());
        runs.add(run.withName(freshRunName(e, run.name())));
        return e.withRuns(runs);
    }

    /** A run for {@code optimizer} with its default settings, named after it. */
    public static RunSpec runFor(Choice<OptimizerType> optimizer) {
        return RunSpec.of(optimizer.term().explained().title(), optimizer);
    }

    public static Experiment duplicateRun(Experiment e, int index) {
        RunSpec copy = e.runs().get(index);
        List<RunSpec> runs = new ArrayList<>(e.runs());
        runs.add(index + 1, copy.withName(freshRunName(e, copy.name() + " copy")));
        return e.withRuns(runs);
    }

    public static Experiment removeRun(Experiment e, int index) {
        List<RunSpec> runs = new ArrayList<>(e.runs());
        runs.remove(index);
        return e.withRuns(runs);
    }

    public static Experiment replaceRun(Experiment e, int index, RunSpec run) {
        List<RunSpec> runs = new ArrayList<>(e.runs());
        runs.set(index, run);
        return e.withRuns(runs);
    }

    /** Renames a run; unchanged if the name is blank or used by another run. */
    public static Experiment renameRun(Experiment e, int index, String name) {
        if (name == null || name.isBlank()) {
            return e;
        }
        for (int i = 0; i < e.runs().size(); i++) {
            if (i != index && e.runs().get(i).name().equals(name)) {
                return e;
            }
        }
        return replaceRun(e, index, e.runs().get(index).withName(name.strip()));
    }

    /** Sets a run's schedule. */
    public static Experiment setSchedule(Experiment e, int index, Choice<Schedule> schedule) {
        return replaceRun(e, index, e.runs().get(index).withSchedule(schedule));
    }

    private static String freshRunName(Experiment e, String base) {
        Set<String> used = new HashSet<>();
        e.runs().forEach(r -> used.add(r.name()));
        if (!used.contains(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            if (!used.contains(base + " " + i)) {
                return base + " " + i;
            }
        }
    }
}
