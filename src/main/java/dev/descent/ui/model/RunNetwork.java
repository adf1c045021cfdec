package dev.descent.ui.model;

import dev.descent.engine.data.InputNormalizer;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.train.RunConfig;
import dev.descent.engine.vocab.Choice;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.PreparedExperiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network one run trains, set beside the shared one: which nodes its overrides change (and into
 * what), which they remove, and the input normalizer it uses. The canvas shows it while the run is
 * selected, so that a run with a sigmoid override shows sigmoid nodes, and a run without normalization
 * shows its batch-norm nodes as removed. The overrides are applied by the engine's own rules
 * ({@link PreparedExperiment#runConfigs}, which uses {@code Overrides}); this only compares. Pure.
 *
 * @param index      the run's index
 * @param name       the run's name
 * @param changed    the nodes the overrides change, by id, as this run trains them (type, function or
 *                   initializer may differ from the shared node)
 * @param removed    ids of the shared nodes this run trains without
 * @param normalizer the input normalizer this run uses
 * @param normalizerOverridden whether that differs from the experiment's
 */
public record RunNetwork(int index, String name, Map<String, NodeSpec> changed, Set<String> removed,
                         Choice<InputNormalizer> normalizer, boolean normalizerOverridden) {
    public RunNetwork {
        changed = Map.copyOf(changed);
        removed = Set.copyOf(removed);
    }

    /** The network run {@code index} of {@code e} trains; empty when there is no such run. */
    public static Optional<RunNetwork> of(Experiment e, int index) {
        if (index < 0 || index >= e.runs().size()) {
            return Optional.empty();
        }
        RunConfig config = PreparedExperiment.runConfigs(e).get(index);
        NetworkSpec trained = config.network();
        Map<String, NodeSpec> changed = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        for (NodeSpec shared : e.network().nodes()) {
            Optional<NodeSpec> own = trained.node(shared.id());
            if (own.isEmpty()) {
                removed.add(shared.id());
            } else if (!own.get().equals(shared)) {
                changed.put(shared.id(), own.get());
            }
        }
        return Optional.of(new RunNetwork(index, e.runs().get(index).name(), changed, removed, config.normalizer(),
                !config.normalizer().equals(e.normalizer())));
    }

    /** Whether this run trains the shared network exactly as it is. */
    public boolean isShared() {
        return changed.isEmpty() && removed.isEmpty() && !normalizerOverridden;
    }

    /** Whether the run changes or removes node {@code id} (the input node when it overrides the normalizer). */
    public boolean overrides(NodeSpec node) {
        return changed.containsKey(node.id()) || removed.contains(node.id())
                || (normalizerOverridden && node instanceof NodeSpec.Input);
    }

    /**
     * What the canvas says about the run, in one sentence: "Run 'Sigmoid' trains this network: 3
     * activation nodes are sigmoid." or "... trains the shared network as it is."
     */
    public String describe(Experiment e) {
        String run = "Run '" + name + "'";
        if (isShared()) {
            return run + " trains the shared network as it is.";
        }
        List<String> parts = new ArrayList<>();
        Map<String, List<NodeSpec>> alike = new LinkedHashMap<>();
        for (NodeSpec node : changed.values()) {
            alike.computeIfAbsent(node.type().id() + ":" + Words.setting(node), k -> new ArrayList<>()).add(node);
        }
        alike.values().forEach(nodes -> parts.add(Words.what(nodes.get(0), nodes.size())));
        if (!removed.isEmpty()) {
            parts.add(removed.size() + (removed.size() == 1 ? " normalization node is" : " normalization nodes are")
                    + " removed");
        }
        if (normalizerOverridden) {
            parts.add("input normalizer " + normalizer.describe());
        }
        return run + " trains this network, its overrides marked: " + String.join(", ", parts) + ".";
    }

    /** The hover text of an overridden node: what the run trains instead of the shared node. */
    public String explain(NodeSpec shared) {
        String run = "run '" + name + "'";
        if (removed.contains(shared.id())) {
            return "Removed in " + run + ": its input goes straight to its output.";
        }
        NodeSpec own = changed.get(shared.id());
        if (own != null) {
            return "Overridden in " + run + ": " + Words.setting(own) + " (the shared network has "
                    + Words.setting(shared) + ").";
        }
        return "Overridden in " + run + ": input normalizer " + normalizer.describe() + ".";
    }

    /** Words for nodes and their settings, as the run summary uses them. */
    static final class Words {
        private Words() {
        }

        /** "3 activation nodes use sigmoid", "1 dense node starts from he_normal", "2 norm nodes are layer norm". */
        static String what(NodeSpec node, int count) {
            boolean one = count == 1;
            if (node instanceof NodeSpec.Activation a) {
                return count + (one ? " activation node uses " : " activation nodes use ") + a.function().describe();
            }
            if (node instanceof NodeSpec.Dense d) {
                return count + (one ? " dense node starts from " : " dense nodes start from ") + d.init().describe();
            }
            return count + (one ? " norm node is " : " norm nodes are ") + node.type().title().toLowerCase(java.util.Locale.ROOT);
        }

        /** "sigmoid", "init he_normal", "layer norm". */
        static String setting(NodeSpec node) {
            if (node instanceof NodeSpec.Activation a) {
                return a.function().describe();
            }
            if (node instanceof NodeSpec.Dense d) {
                return "init " + d.init().describe();
            }
            return node.type().title().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
