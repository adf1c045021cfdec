package dev.descent.ui.canvas;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.experiment.Experiment;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The canvas's own clipboard: Cut, Copy and Paste of the selected nodes with the edges between them.
 * Each paste lands a little further from the originals; the first paste after a cut puts the nodes
 * back where they were, under their own ids.
 */
final class NodeClipboard {
    private static final double PASTE_OFFSET = 32;

    private final ProjectModel project;
    private final SelectionModel selection;
    private final CanvasEdits edits;
    private Clip clip;
    private int pastes;

    /** Copied nodes (with their positions) and the edges between them. */
    private record Clip(List<NodeSpec> nodes, List<Edge> edges) {
    }

    NodeClipboard(ProjectModel project, SelectionModel selection, CanvasEdits edits) {
        this.project = project;
        this.selection = selection;
        this.edits = edits;
    }

    /** Whether something was copied. */
    boolean hasContent() {
        return clip != null;
    }

    void cut() {
        if (selection.nodes().isEmpty()) {
            return;
        }
        copy();
        pastes = -1; // the first paste after a cut puts the nodes back where they were
        edits.deleteSelection("Cut");
    }

    /** Copies the selected nodes and the edges between them. */
    void copy() {
        Set<String> ids = Set.copyOf(selection.nodes());
        if (ids.isEmpty()) {
            return;
        }
        NetworkSpec network = project.experiment().network();
        List<NodeSpec> nodes = network.nodes().stream().filter(n -> ids.contains(n.id()))
                .map(n -> n.withPosition(project.positions().of(n))).toList();
        List<Edge> edges = network.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        clip = new Clip(nodes, edges);
        pastes = 0;
    }

    /**
     * Adds copies of the copied nodes, offset from the originals, and selects them. A copy keeps its
     * original's id when that is free (after a cut), so cut and paste moves a node without renaming it.
     */
    void paste() {
        if (clip == null || clip.nodes().isEmpty()) {
            return;
        }
        Clip pasting = clip;
        pastes++;
        double offset = PASTE_OFFSET * pastes;
        List<String> added = new ArrayList<>();
        edits.edit(pasting.nodes().size() == 1 ? "Paste " + pasting.nodes().get(0).id()
                : "Paste " + pasting.nodes().size() + " nodes", e -> {
                    List<String> ids = new ArrayList<>();
                    Experiment pasted = Edits.paste(e, pasting.nodes(), pasting.edges(), offset, offset, ids);
                    for (int i = 0; i < ids.size(); i++) {
                        String original = pasting.nodes().get(i).id();
                        Experiment renamed = Edits.renameNode(pasted, ids.get(i), original);
                        if (renamed != pasted) {
                            pasted = renamed;
                            ids.set(i, original);
                        }
                    }
                    added.clear();
                    added.addAll(ids);
                    return pasted;
                });
        selection.selectGraph(List.copyOf(added), List.of());
    }
}
