package dev.descent.engine.graph;

import dev.descent.engine.data.DataShape;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Shown;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Checks a network against the data it will train on and reports every problem at once, each naming
 * its node: bad ids and edges, input and loss count, connections, cycles, settings out of range,
 * widths that do not match, a loss that does not fit the target, and sizes that would not fit in
 * memory (refused before anything is allocated). Along the way it infers each node's width and a
 * topological order.
 */
public final class GraphValidator {

    private GraphValidator() {
    }

    /** Validates for a float network trained in batches of {@code batchSize} within ND4J's memory limit. */
    public static Validation validate(NetworkSpec network, DataShape data, int batchSize) {
        return validate(network, data, batchSize, Float.BYTES, MemoryEstimate.limitBytes());
    }

    /**
     * The checks that need no data: ids and edges, input and loss count, connections, cycles, settings out
     * of range, outputs that lead nowhere. What needs the data's shape (widths, the loss's fit, memory) is
     * left out, so the result reports the network's own problems while the data cannot be read.
     */
    public static Validation validateStructure(NetworkSpec network) {
        return new Run(network, null, 1, Float.BYTES, Long.MAX_VALUE).validate();
    }

    /**
     * The problems of one node's own settings (units, initializer, function, rate, momentum, ε), which
     * hold whatever the rest of the network is; settings not given (null) are skipped.
     */
    public static List<Problem> settingsProblems(NodeSpec node) {
        List<Problem> problems = new ArrayList<>();
        String id = node.id();
        if (node instanceof NodeSpec.Dense dense) {
            outOfRange(id, NodeType.UNITS, dense.units(), Integer.toString(dense.units()), problems);
            if (dense.init() != null) {
                dense.init().problems().forEach(p -> problems.add(Problem.at(id, p)));
                if (dense.init().term() == Initializer.UNIFORM
                        && dense.init().value("low") >= dense.init().value("high")) {
                    problems.add(Problem.at(id, "uniform needs low < high, got low "
                            + dense.init().value("low") + " and high " + dense.init().value("high")));
                }
            }
        } else if (node instanceof NodeSpec.Activation activation && activation.function() != null) {
            activation.function().problems().forEach(p -> problems.add(Problem.at(id, p)));
        } else if (node instanceof NodeSpec.Loss loss && loss.function() != null) {
            loss.function().problems().forEach(p -> problems.add(Problem.at(id, p)));
        } else if (node instanceof NodeSpec.Dropout dropout) {
            outOfRange(id, NodeType.RATE, dropout.rate(), Double.toString(dropout.rate()), problems);
        } else if (node instanceof NodeSpec.BatchNorm norm) {
            outOfRange(id, NodeType.MOMENTUM, norm.momentum(), Double.toString(norm.momentum()), problems);
            outOfRange(id, NodeType.EPS, norm.eps(), Double.toString(norm.eps()), problems);
        }
        return problems;
    }

    /** Adds "key must be in range, got value" when {@code value} is outside {@code param}'s range. */
    private static void outOfRange(String id, Param param, double value, String shown, List<Problem> problems) {
        if (param.problemWith(value) != null) {
            String name = param == NodeType.RATE ? "dropout rate" : param.key();
            problems.add(Problem.at(id, name + " must be " + param.rangeText() + ", got " + shown));
        }
    }

    /**
     * Validates {@code network} for {@code data}.
     *
     * @param bytesPerValue 4 for float, 8 for double
     * @param memoryLimit   bytes the network may need at most
     */
    public static Validation validate(NetworkSpec network, DataShape data, int batchSize, int bytesPerValue,
                                      long memoryLimit) {
        return new Run(network, data, batchSize, bytesPerValue, memoryLimit).validate();
    }

    /** One validation: the state shared by the checks. */
    private static final class Run {
        private final NetworkSpec network;
        private final DataShape data;
        private final int batchSize;
        private final int bytesPerValue;
        private final long memoryLimit;
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private final Map<String, Integer> widths = new HashMap<>();

        Run(NetworkSpec network, DataShape data, int batchSize, int bytesPerValue, long memoryLimit) {
            this.network = network;
            this.data = data;
            this.batchSize = batchSize;
            this.bytesPerValue = bytesPerValue;
            this.memoryLimit = memoryLimit;
        }

        Validation validate() {
            collectNodes();
            collectEdges();
            checkInputAndLossCount();
            checkConnections();
            checkSettings();
            List<String> order = topologicalOrder();
            double[] size = {0, 0};
            if (!order.isEmpty() && data == null) {
                checkLeadsToLoss();
            } else if (!order.isEmpty()) {
                inferWidths(order);
                checkLeadsToLoss();
                checkLoss();
                size = checkMemory(order);
            }
            long parameters = size[0] > Long.MAX_VALUE ? Long.MAX_VALUE : (long) size[0];
            return new Validation(problems, widths, order, parameters, size[1]);
        }

        private void collectNodes() {
            Map<String, Integer> counts = new HashMap<>();
            for (NodeSpec node : network.nodes()) {
                if (node.id() == null || node.id().isBlank()) {
                    problems.add(Problem.ofGraph("a " + node.type().id() + " node has no id; every node needs a unique id"));
                    continue;
                }
                counts.merge(node.id(), 1, Integer::sum);
                if (!nodes.containsKey(node.id())) {
                    index.put(node.id(), nodes.size());
                    nodes.put(node.id(), node);
                }
            }
            counts.forEach((id, count) -> {
                if (count > 1) {
                    problems.add(Problem.at(id, "the id is used by " + count + " nodes; ids must be unique"));
                }
            });
        }

        private void collectEdges() {
            Set<Edge> seen = new HashSet<>();
            for (Edge edge : network.edges()) {
                boolean known = true;
                for (String end : List.of(edge.from(), edge.to())) {
                    if (!nodes.containsKey(end)) {
                        problems.add(Problem.ofGraph("edge " + edge + ": there is no node " + Shown.quoted(end)));
                        known = false;
                    }
                }
                if (!known) {
                    continue;
                }
                if (edge.from().equals(edge.to())) {
                    problems.add(Problem.at(edge.from(), "is connected to itself, which makes a cycle"));
                } else if (!seen.add(edge)) {
                    problems.add(Problem.at(edge.to(), "the edge " + edge + " appears twice"));
                } else {
                    edges.add(edge);
                }
            }
        }

        private List<String> inputsOf(String id) {
            return edges.stream().filter(e -> e.to().equals(id)).map(Edge::from).toList();
        }

        private List<String> outputsOf(String id) {
            return edges.stream().filter(e -> e.from().equals(id)).map(Edge::to).toList();
        }

        private void checkInputAndLossCount() {
            List<String> inputs = idsOf(NodeType.INPUT);
            List<String> losses = idsOf(NodeType.LOSS);
            if (inputs.isEmpty()) {
                problems.add(Problem.ofGraph("the network has no input node; add one where the data enters"));
            }
            for (String extra : inputs.subList(Math.min(1, inputs.size()), inputs.size())) {
                problems.add(Problem.at(extra, "more than one input node (" + quoted(inputs)
                        + "); a network has exactly one"));
            }
            if (losses.isEmpty()) {
                problems.add(Problem.ofGraph("the network has no loss node; add one fed by the network's output"));
            }
            for (String extra : losses.subList(Math.min(1, losses.size()), losses.size())) {
                problems.add(Problem.at(extra, "more than one loss node (" + quoted(losses)
                        + "); a network has exactly one"));
            }
        }

        private List<String> idsOf(NodeType type) {
            return nodes.values().stream().filter(n -> n.type() == type).map(NodeSpec::id).toList();
        }

        private void checkConnections() {
            for (NodeSpec node : nodes.values()) {
                int in = inputsOf(node.id()).size();
                switch (node.type()) {
                    case INPUT -> {
                        if (in > 0) {
                            problems.add(Problem.at(node.id(), "an input node cannot have inputs, but "
                                    + quoted(inputsOf(node.id())) + " feed it"));
                        }
                    }
                    case ADD -> {
                        if (in < 2) {
                            problems.add(Problem.at(node.id(), "add merges two or more inputs but has "
                                    + (in == 0 ? "none" : "only one")));
                        }
                    }
                    default -> {
                        if (in == 0) {
                            problems.add(Problem.at(node.id(), "input is not connected"));
                        } else if (in > 1) {
                            problems.add(Problem.at(node.id(), "has " + in + " inputs ("
                                    + quoted(inputsOf(node.id())) + "); only an add node merges several"));
                        }
                    }
                }
                if (node.type() == NodeType.LOSS && !outputsOf(node.id()).isEmpty()) {
                    problems.add(Problem.at(node.id(), "a loss node cannot feed other nodes"));
                }
            }
        }

        private void checkSettings() {
            for (NodeSpec node : nodes.values()) {
                problems.addAll(settingsProblems(node));
            }
        }

        /** Kahn's algorithm, ties broken by file order; reports the nodes of any cycle. */
        private List<String> topologicalOrder() {
            Map<String, Integer> pending = new HashMap<>();
            for (String id : nodes.keySet()) {
                pending.put(id, inputsOf(id).size());
            }
            PriorityQueue<String> ready = new PriorityQueue<>((a, b) -> Integer.compare(index.get(a), index.get(b)));
            pending.forEach((id, count) -> {
                if (count == 0) {
                    ready.add(id);
                }
            });
            List<String> order = new ArrayList<>();
            while (!ready.isEmpty()) {
                String id = ready.poll();
                order.add(id);
                for (String next : outputsOf(id)) {
                    if (pending.merge(next, -1, Integer::sum) == 0) {
                        ready.add(next);
                    }
                }
            }
            if (order.size() == nodes.size()) {
                return order;
            }
            Set<String> stuck = new HashSet<>(nodes.keySet());
            order.forEach(stuck::remove);
            List<String> cycle = findCycle(stuck);
            problems.add(Problem.across(cycle.subList(0, cycle.size() - 1), "nodes "
                    + String.join(" → ", cycle.stream().map(Shown::quoted).toList())
                    + " form a cycle; a network must flow one way, from the input to the loss"));
            return List.of();
        }

        private List<String> findCycle(Set<String> among) {
            String start = nodes.keySet().stream().filter(among::contains).findFirst().orElseThrow();
            // Walk backwards along inputs inside the stuck set until a node repeats.
            List<String> path = new ArrayList<>();
            Map<String, Integer> seenAt = new HashMap<>();
            String current = start;
            while (!seenAt.containsKey(current)) {
                seenAt.put(current, path.size());
                path.add(current);
                current = inputsOf(current).stream().filter(among::contains).findFirst().orElseThrow();
            }
            List<String> cycle = new ArrayList<>(path.subList(seenAt.get(current), path.size()));
            java.util.Collections.reverse(cycle);
            // start at the node that comes first in the file, so the message reads in file order
            String first = cycle.stream().min((a, b) -> Integer.compare(index.get(a), index.get(b))).orElseThrow();
            java.util.Collections.rotate(cycle, -cycle.indexOf(first));
            cycle.add(cycle.get(0));
            return cycle;
        }

        private void inferWidths(List<String> order) {
            for (String id : order) {
                NodeSpec node = nodes.get(id);
                List<String> inputs = inputsOf(id);
                Integer width = switch (node.type()) {
                    case INPUT -> data.features();
                    case DENSE -> ((NodeSpec.Dense) node).units() > 0 ? ((NodeSpec.Dense) node).units() : null;
                    case ADD -> addWidth(id, inputs);
                    default -> inputs.size() == 1 ? widths.get(inputs.get(0)) : null;
                };
                if (width != null) {
                    widths.put(id, width);
                }
            }
        }

        private Integer addWidth(String id, List<String> inputs) {
            List<Integer> known = inputs.stream().map(widths::get).toList();
            if (known.isEmpty() || known.contains(null)) {
                return null;
            }
            if (known.stream().distinct().count() > 1) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    parts.add(Shown.quoted(inputs.get(i)) + " is " + known.get(i));
                }
                problems.add(Problem.at(id, "cannot add inputs of different widths (" + String.join(", ", parts)
                        + "); all inputs of an add must be equally wide"));
                return null;
            }
            return known.get(0);
        }

        private void checkLeadsToLoss() {
            List<String> losses = idsOf(NodeType.LOSS);
            if (losses.isEmpty()) {
                return;
            }
            Set<String> reaches = new HashSet<>(losses);
            Deque<String> queue = new ArrayDeque<>(losses);
            while (!queue.isEmpty()) {
                for (String input : inputsOf(queue.poll())) {
                    if (reaches.add(input)) {
                        queue.add(input);
                    }
                }
            }
            for (NodeSpec node : nodes.values()) {
                if (!reaches.contains(node.id()) && !inputsOf(node.id()).isEmpty()) {
                    problems.add(Problem.at(node.id(), "its output is unused: nothing connects it to the loss"));
                } else if (!reaches.contains(node.id()) && node.type() == NodeType.INPUT) {
                    problems.add(Problem.at(node.id(), "the input does not lead to the loss"));
                }
            }
        }

        private void checkLoss() {
            for (String id : idsOf(NodeType.LOSS)) {
                NodeSpec.Loss loss = (NodeSpec.Loss) nodes.get(id);
                List<String> inputs = inputsOf(id);
                if (inputs.size() != 1) {
                    continue;
                }
                Integer width = widths.get(inputs.get(0));
                LossFunction function = loss.function().term();
                String fit = function.fitProblem(data, width == null ? -1 : width);
                if (fit != null) {
                    problems.add(Problem.at(id, fit));
                }
                NodeSpec feeder = nodes.get(inputs.get(0));
                if (feeder instanceof NodeSpec.Activation activation
                        && function.squashing() != ActivationFunction.IDENTITY
                        && activation.function().term() == function.squashing()) {
                    problems.add(Problem.at(feeder.id(), function.id() + " applies " + function.squashing().id()
                            + " itself, so this " + function.squashing().id()
                            + " would be applied twice; remove it and connect its input to the loss"));
                }
            }
        }

        /** Parameters and activation values per example; reports a network too large for the limit. */
        private double[] checkMemory(List<String> order) {
            double parameters = 0;
            double activations = 0;
            String largest = null;
            double largestParameters = -1;
            for (String id : order) {
                NodeSpec node = nodes.get(id);
                Integer width = widths.get(id);
                List<String> inputs = inputsOf(id);
                Integer inWidth = inputs.size() == 1 ? widths.get(inputs.get(0)) : null;
                double own = 0;
                if (node instanceof NodeSpec.Dense dense && inWidth != null && dense.units() > 0) {
                    own = NodeType.parameterCount(node, inWidth);
                } else if (node.type().hasParameters() && !(node instanceof NodeSpec.Dense) && width != null) {
                    own = NodeType.parameterCount(node, width);
                }
                parameters += own;
                if (width != null) {
                    activations += width;
                }
                if (own > largestParameters || (own == largestParameters && width != null && largest == null)) {
                    largestParameters = own;
                    largest = id;
                }
            }
            double bytes = MemoryEstimate.trainingBytes(parameters, activations, batchSize, bytesPerValue);
            if (bytes > memoryLimit && largest != null) {
                problems.add(Problem.at(largest, String.format(Locale.ROOT,
                        "the network is too large to train: %,.0f parameters and %,.0f values per example need about %s,"
                                + " more than the %s available; reduce units or the input size",
                        parameters, activations, MemoryEstimate.format(bytes), MemoryEstimate.format(memoryLimit))));
            }
            return new double[]{parameters, activations};
        }

        private static String quoted(List<String> ids) {
            return ids.stream().map(Shown::quoted).reduce((a, b) -> a + ", " + b).orElse("");
        }
    }
}
