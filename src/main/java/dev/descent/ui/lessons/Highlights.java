package dev.descent.ui.lessons;

import dev.descent.lesson.Pointer;
import dev.descent.ui.canvas.GraphCanvas;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * Resolves a step's "what to watch" pointers to the window's real nodes and outlines them (the style class
 * {@value #WATCH}). Panels are found by their ids ({@code #canvas}, {@code #chart-loss}, ...,
 * {@code #inside-*} and {@code #compare-*} for the tabs other views add); {@code node:<id>} is the node's
 * card on the canvas, {@code run:<name>} the runs panel.
 */
final class Highlights {
    /** The style class of an outlined node. */
    static final String WATCH = "lesson-watch";

    private final Parent root;
    private final GraphCanvas canvas;
    private final List<Node> outlined = new ArrayList<>();

    Highlights(Parent root, GraphCanvas canvas) {
        this.root = root;
        this.canvas = canvas;
    }

    /** The node {@code pointer} names in the window, if the window has it. */
    Optional<Node> resolve(Pointer pointer) {
        if (pointer.isNode()) {
            return Optional.ofNullable(canvas.card(pointer.target()));
        }
        String id = pointer.isRun() ? "runs" : pointer.text();
        return Optional.ofNullable(root.lookup("#" + id));
    }

    /** Outlines what {@code pointers} name, removing the previous outlines; returns the pointers not found. */
    List<Pointer> show(List<Pointer> pointers) {
        clear();
        List<Pointer> missing = new ArrayList<>();
        for (Pointer p : pointers) {
            Optional<Node> node = resolve(p);
            if (node.isPresent()) {
                if (!node.get().getStyleClass().contains(WATCH)) {
                    node.get().getStyleClass().add(WATCH);
                }
                outlined.add(node.get());
            } else {
                missing.add(p);
            }
        }
        return missing;
    }

    /** Removes every outline. */
    void clear() {
        outlined.forEach(n -> n.getStyleClass().remove(WATCH));
        outlined.clear();
    }

    /** What is outlined now. */
    List<Node> outlined() {
        return List.copyOf(outlined);
    }
}
