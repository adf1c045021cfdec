package dev.descent.ui.canvas;

import javafx.css.PseudoClass;

/** Style classes and pseudo-classes of the canvas, defined in canvas.css. One place, no inline styles. */
final class CanvasStyles {
    private CanvasStyles() {
    }

    static final String STYLESHEET = "/dev/descent/ui/canvas/canvas.css";

    static final String CANVAS = "graph-canvas";
    static final String VIEWPORT = "canvas-viewport";
    static final String EMPTY_HINT = "canvas-empty-hint";
    static final String ZOOM_BADGE = "canvas-zoom-badge";
    static final String RUBBER_BAND = "rubber-band";
    static final String WIRE = "connection-wire";
    static final String GHOST = "drop-ghost";

    static final String NODE = "node-card";
    static final String NODE_HEADER = "node-header";
    static final String NODE_TITLE = "node-title";
    static final String NODE_ID = "node-id";
    static final String NODE_DETAIL = "node-detail";
    static final String NODE_WARNING = "node-warning";
    static final String NODE_WARNING_GROUND = "node-warning-ground";
    static final String NODE_OVERRIDE_TAG = "node-override-tag";
    static final String RUN_BANNER = "canvas-run-banner";
    static final String RUN_BANNER_SWATCH = "canvas-run-swatch";
    static final String PORT = "port";
    static final String PORT_IN = "port-in";
    static final String PORT_OUT = "port-out";
    static final String PORT_HIT = "port-hit";

    static final String EDGE = "edge";
    static final String EDGE_LINE = "edge-line";
    static final String EDGE_HIT = "edge-hit";
    static final String EDGE_ARROW = "edge-arrow";
    static final String EDGE_LABEL = "edge-label";

    static final String PROBLEMS = "canvas-problems";
    static final String PROBLEMS_HEADER = "canvas-problems-header";
    static final String PROBLEM = "canvas-problem";
    static final String PROBLEM_LINKED = "linked";

    /** The node-type class of a card, e.g. {@code type-dense}: its header colour. */
    static String typeClass(dev.descent.engine.graph.NodeType type) {
        return "type-" + type.id().replace('_', '-');
    }

    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    /** A node where a run diverged (the first non-finite or absurd value of the run). */
    static final PseudoClass DIVERGED = PseudoClass.getPseudoClass("diverged");
    /** A tile hovering over this node or edge would do something there. */
    static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");
    /** While a connection is dragged: this node can take it. */
    static final PseudoClass CANDIDATE = PseudoClass.getPseudoClass("candidate");
    /** While a connection is dragged: the pointer is over this candidate. */
    static final PseudoClass CONNECT_TARGET = PseudoClass.getPseudoClass("connect-target");
    /** The pointer is over the output port. */
    static final PseudoClass ARMED = PseudoClass.getPseudoClass("armed");
    static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    /** The selected run trains this node with other settings (its overrides). */
    static final PseudoClass OVERRIDDEN = PseudoClass.getPseudoClass("overridden");
    /** The selected run trains without this node (or, on an edge, without one of its ends). */
    static final PseudoClass REMOVED = PseudoClass.getPseudoClass("removed");
    static final PseudoClass COLLAPSED = PseudoClass.getPseudoClass("collapsed");
    static final PseudoClass PANNING = PseudoClass.getPseudoClass("panning");
}
