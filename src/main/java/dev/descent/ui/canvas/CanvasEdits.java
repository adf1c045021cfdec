package dev.descent.ui.canvas;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NodeType;
import dev.descent.experiment.Experiment;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The edits the canvas makes to the project, each one undoable step through
 * {@link ProjectModel#editShown}: so an edit made here also writes the places of nodes that had none.
 */
final class CanvasEdits {
    private final ProjectModel project;
    private final SelectionModel selection;

    CanvasEdits(ProjectModel project, SelectionModel selection) {
        this.project = project;
        this.selection = selection;
    }

    /** One undoable edit. */
    void edit(String what, UnaryOperator<Experiment> change) {
        project.editShown(what, change);
    }

    /** Removes the selected nodes (with their edges) and edges in one edit named after {@code verb}. */
    void deleteSelection(String verb) {
        Set<String> nodes = Set.copyOf(selection.nodes());
        Set<Edge> edges = Set.copyOf(selection.edges());
        if (nodes.isEmpty() && edges.isEmpty()) {
            return;
        }
        String what;
        if (nodes.size() == 1 && edges.isEmpty()) {
            what = verb + " " + nodes.iterator().next();
        } else if (nodes.isEmpty() && edges.size() == 1) {
            what = verb + " edge " + edges.iterator().next();
        } else {
            what = verb + " " + (nodes.size() + edges.size()) + " items";
        }
        edit(what, e -> Edits.delete(e, nodes, edges));
        selection.selectGraph(List.of(), List.of());
    }

    /**
     * Connects {@code from} to {@code to}. A node that takes one input (everything but add) keeps one:
     * connecting to it replaces the edge it had, in the same edit.
     */
    void connect(String from, String to) {
        edit("Connect " + from + " → " + to, e -> {
            boolean merges = e.network().node(to).map(n -> n.type() == NodeType.ADD).orElse(false);
            List<Edge> replaced = merges ? List.of()
                    : e.network().edges().stream().filter(edge -> edge.to().equals(to)).toList();
            return Edits.connect(Edits.delete(e, List.of(), replaced), from, to);
        });
    }
}
