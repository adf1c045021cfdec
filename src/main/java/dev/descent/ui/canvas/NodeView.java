package dev.descent.ui.canvas;

import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.ui.model.LayeredLayout;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One node on the canvas: a rounded card with a header band (type and id, tinted by type), a one-line
 * detail, an input port on the left and an output port on the right. Its layout position is the node's
 * canvas position (top-left corner), in canvas units. The card has a fixed size so edges can be routed
 * without waiting for a layout pass.
 */
final class NodeView extends Region {
    static final double WIDTH = LayeredLayout.CARD_WIDTH;
    static final double HEIGHT = LayeredLayout.CARD_HEIGHT;
    static final double HEADER = 26;
    static final double PORT_RADIUS = 5;
    private static final double DETAIL_INSET = 8;
    private static final double WARNING_RADIUS = 9;
    /** Measures detail forms (FX thread only). */
    private static final Text MEASURE = new Text();
    /** The output port reacts in this radius, bigger than it looks, so it is easy to grab. */
    static final double PORT_HIT_RADIUS = 9;

    private final Label title = new Label();
    private final Label idLabel = new Label();
    private final FontIcon warning = new FontIcon("mdi2a-alert-circle");
    /** The warning icon on a disc, on the card's top-right corner, clear of the title and id. */
    private final StackPane badge;
    private final HBox header;
    private final Label detail = new Label();
    private final Circle inPort;
    private final Circle outPort;
    private final Circle outHit;
    private final Tooltip tooltip = new Tooltip();
    /** Above the card while a selected run overrides the node: "override" or "removed in this run". */
    private final Label overrideTag = new Label();
    private NodeSpec spec;
    private List<String> details = List.of("");

    NodeView(NodeSpec spec) {
        this.spec = spec;
        getStyleClass().addAll(CanvasStyles.NODE, CanvasStyles.typeClass(spec.type()));
        title.getStyleClass().add(CanvasStyles.NODE_TITLE);
        title.setMinWidth(Region.USE_PREF_SIZE);
        idLabel.getStyleClass().add(CanvasStyles.NODE_ID);
        idLabel.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        idLabel.setMinWidth(0);
        warning.getStyleClass().add(CanvasStyles.NODE_WARNING);
        Circle badgeGround = new Circle(WARNING_RADIUS - 1);
        badgeGround.getStyleClass().add(CanvasStyles.NODE_WARNING_GROUND);
        badge = new StackPane(badgeGround, warning);
        badge.setManaged(false);
        badge.setVisible(false);
        badge.setMouseTransparent(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        header = new HBox(4, title, spacer, idLabel);
        header.getStyleClass().add(CanvasStyles.NODE_HEADER);
        header.setFillHeight(false);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        detail.getStyleClass().add(CanvasStyles.NODE_DETAIL);
        detail.setTextOverrun(OverrunStyle.ELLIPSIS);
        overrideTag.getStyleClass().add(CanvasStyles.NODE_OVERRIDE_TAG);
        overrideTag.setManaged(false);
        overrideTag.setVisible(false);
        overrideTag.setMouseTransparent(true);
        getChildren().addAll(header, detail, badge, overrideTag);

        inPort = spec.type() == NodeType.INPUT ? null : port(0, CanvasStyles.PORT_IN);
        outPort = spec.type() == NodeType.LOSS ? null : port(WIDTH, CanvasStyles.PORT_OUT);
        if (outPort != null) {
            outHit = new Circle(WIDTH, HEIGHT / 2, PORT_HIT_RADIUS);
            outHit.getStyleClass().add(CanvasStyles.PORT_HIT);
            outHit.setManaged(false);
            outHit.hoverProperty().addListener((o, was, now) -> outPort.pseudoClassStateChanged(CanvasStyles.ARMED, now));
            getChildren().add(outHit);
        } else {
            outHit = null;
        }

        tooltip.setShowDelay(Duration.millis(500));
        tooltip.setShowDuration(Duration.seconds(30));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(380);
        Tooltip.install(this, tooltip);

        setPickOnBounds(false); // the card and its ports, not the box around the ports
        setPrefSize(WIDTH, HEIGHT);
        setMinSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
        resize(WIDTH, HEIGHT);
    }

    private Circle port(double x, String styleClass) {
        Circle port = new Circle(x, HEIGHT / 2, PORT_RADIUS);
        port.getStyleClass().addAll(CanvasStyles.PORT, styleClass);
        port.setManaged(false);
        port.setMouseTransparent(true);
        getChildren().add(port);
        return port;
    }

    @Override
    protected void layoutChildren() {
        header.resizeRelocate(1, 1, WIDTH - 2, HEADER - 1);
        detail.resizeRelocate(DETAIL_INSET, HEADER + 3, WIDTH - 2 * DETAIL_INSET, HEIGHT - HEADER - 6);
        detail.setText(fitting(WIDTH - 2 * DETAIL_INSET));
        badge.resizeRelocate(WIDTH - WARNING_RADIUS - 3, -WARNING_RADIUS + 1, 2 * WARNING_RADIUS, 2 * WARNING_RADIUS);
        double tagWidth = overrideTag.prefWidth(-1);
        double tagHeight = overrideTag.prefHeight(-1);
        overrideTag.resizeRelocate(6, HEIGHT - 1, tagWidth, tagHeight);
    }

    /** How a selected run treats this node: as the network has it, overridden, or removed. */
    enum RunMark { NONE, CHANGED, REMOVED }

    /** Marks the card as the selected run treats it. */
    void showOverride(RunMark override) {
        pseudoClassStateChanged(CanvasStyles.OVERRIDDEN, override == RunMark.CHANGED);
        pseudoClassStateChanged(CanvasStyles.REMOVED, override == RunMark.REMOVED);
        overrideTag.setText(switch (override) {
            case NONE -> "";
            case CHANGED -> "overridden in this run";
            case REMOVED -> "removed in this run";
        });
        overrideTag.setVisible(override != RunMark.NONE);
        requestLayout();
    }

    /**
     * Marks the card as the place where a run diverged, with {@code sentence} (what happened, what to
     * try) under the card and first in the hover text; null clears the mark.
     */
    void showDiverged(String sentence) {
        boolean diverged = sentence != null;
        pseudoClassStateChanged(CanvasStyles.DIVERGED, diverged);
        if (diverged) {
            overrideTag.setText("diverged here");
            overrideTag.setVisible(true);
            tooltip.setText(sentence + "\n\n" + tooltip.getText());
        }
        requestLayout();
    }

    /** The tag under the card naming the run's override, for tests. */
    Label overrideTag() {
        return overrideTag;
    }

    /** The longest detail form whose text fits {@code width} in the detail's font (the last one otherwise). */
    private String fitting(double width) {
        MEASURE.setFont(detail.getFont());
        for (String form : details) {
            MEASURE.setText(form);
            if (MEASURE.getLayoutBounds().getWidth() <= width) {
                return form;
            }
        }
        return details.get(details.size() - 1);
    }

    /**
     * Shows {@code node}: the longest of {@code detailForms} that fits the card, whether it is invalid, and
     * the hover text.
     */
    void show(NodeSpec node, List<String> detailForms, boolean invalid, String hoverText) {
        spec = node;
        title.setText(node.type().title());
        idLabel.setText(node.id());
        if (!detailForms.equals(details)) {
            details = List.copyOf(detailForms);
            detail.setText(details.get(0));
            requestLayout();
        }
        badge.setVisible(invalid);
        pseudoClassStateChanged(CanvasStyles.INVALID, invalid);
        tooltip.setText(hoverText);
    }

    NodeSpec spec() {
        return spec;
    }

    String nodeId() {
        return spec.id();
    }

    /** Places the card's top-left corner at ({@code x}, {@code y}) in canvas units. */
    void moveTo(double x, double y) {
        relocate(x, y);
    }

    Point2D topLeft() {
        return new Point2D(getLayoutX(), getLayoutY());
    }

    /** The card's rectangle in canvas units. */
    Bounds rect() {
        return new BoundingBox(getLayoutX(), getLayoutY(), WIDTH, HEIGHT);
    }

    /** Centre of the input port, in canvas units. */
    Point2D inputPoint() {
        return new Point2D(getLayoutX(), getLayoutY() + HEIGHT / 2);
    }

    /** Centre of the output port, in canvas units. */
    Point2D outputPoint() {
        return new Point2D(getLayoutX() + WIDTH, getLayoutY() + HEIGHT / 2);
    }

    boolean hasInput() {
        return inPort != null;
    }

    boolean hasOutput() {
        return outPort != null;
    }

    /** Whether {@code picked} (what the mouse pressed) is this card's output port. */
    boolean isOutputPort(Node picked) {
        return picked != null && (picked == outHit || picked == outPort);
    }

    /** Whether {@code world} (canvas units) is on the card or close enough to one of its ports to count. */
    boolean covers(Point2D world, double slack) {
        return world.getX() >= getLayoutX() - PORT_HIT_RADIUS - slack
                && world.getX() <= getLayoutX() + WIDTH + PORT_HIT_RADIUS + slack
                && world.getY() >= getLayoutY() - slack && world.getY() <= getLayoutY() + HEIGHT + slack;
    }

    Circle inPort() {
        return inPort;
    }

    Circle outPort() {
        return outPort;
    }

    /** The warning mark (visible when the node has a problem). */
    Node warningMark() {
        return badge;
    }

    Tooltip tooltip() {
        return tooltip;
    }

    Label detailLabel() {
        return detail;
    }
}
