package dev.descent.testing;

import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.Initializer;
import dev.descent.engine.graph.LossFunction;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Terms;
import java.util.ArrayList;
import java.util.List;

/** Short ways to write network specs in tests. */
public final class Specs {
    private Specs() {
    }

    public static NodeSpec input(String id) {
        return new NodeSpec.Input(id, null);
    }

    public static NodeSpec dense(String id, int units) {
        return dense(id, units, "xavier_normal");
    }

    public static NodeSpec dense(String id, int units, String init) {
        return new NodeSpec.Dense(id, units, Choice.of(Terms.byId(Initializer.class, init).orElseThrow()), true, null);
    }

    public static NodeSpec activation(String id, String function) {
        return new NodeSpec.Activation(id, Choice.of(Terms.byId(ActivationFunction.class, function).orElseThrow()), null);
    }

    public static NodeSpec loss(String id, String function) {
        return new NodeSpec.Loss(id, Choice.of(Terms.byId(LossFunction.class, function).orElseThrow()), null);
    }

    /** Nodes connected one after the other. */
    public static NetworkSpec chain(NodeSpec... nodes) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 1; i < nodes.length; i++) {
            edges.add(new Edge(nodes[i - 1].id(), nodes[i].id()));
        }
        return new NetworkSpec(List.of(nodes), edges);
    }

    /** in(?) → dense(hidden) → activation → dense(outputs) → loss. */
    public static NetworkSpec mlp(int hidden, String activation, int outputs, String loss) {
        return chain(input("in"), dense("h1", hidden), activation("a1", activation), dense("out", outputs),
                loss("loss", loss));
    }
}
