package dev.descent.ui.canvas;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Validation;
import dev.descent.experiment.Experiment;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.LayeredLayout;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.RunColors;
import dev.descent.ui.model.RunNetwork;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.palette.Tile;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The network editor: every node of the experiment's network as a card at the place the project model
 * gives it ({@link dev.descent.ui.model.NodePositions}), edges as curves labelled with the shape they
 * carry, problems marked on the nodes at fault and listed in the corner.
 *
 * <p>It is put together from small parts: {@link NetworkView} draws the cards and edges,
 * {@link PointerGestures} answers the mouse, {@link TileLanding} palette tiles dragged in,
 * {@link CanvasKeys} the keyboard, {@link NodeClipboard} cut, copy and paste, {@link CanvasMenu} the
 * context menu, {@link ProblemLinks} the problems list's links to nodes, and {@link CanvasEdits} turns
 * them into edits. Every gesture that changes the experiment is one undoable edit through
 * {@link ProjectModel#editShown}.
 *
 * <p>The scene graph follows the experiment: cards and edges are updated in place on every change (undo
 * and redo included), and the selection keeps the nodes that still exist.
 */
public final class GraphCanvas extends StackPane {
    private final ProjectModel project;
    private final SelectionModel selection;
    private final DataModel data;

    private final Group world = new Group();
    private final Group overlay = new Group();
    private final NetworkView network = new NetworkView();
    private final CanvasViewport viewport;
    private final Label emptyHint = new Label("Drag a layer here from the palette to start a network");
    private final Label zoomBadge = new Label();
    private final ProblemsList problems;
    private final Label runBanner = new Label();
    private final Circle runSwatch = new Circle(6);
    private final CanvasEdits edits;
    private final PointerGestures gestures;
    private final TileLanding tiles;
    private final NodeClipboard clipboard;
    private Experiment shown;
    private Validation shownValidation;
    private int runShown = -1;
    private int replacementsShown;
    private String divergedNode;
    private String divergedSentence;

    public GraphCanvas(ProjectModel project, SelectionModel selection, DataModel data, Theme theme) {
        this.project = project;
        this.selection = selection;
        this.data = data;
        this.replacementsShown = project.replacements();
        getStylesheets().add(Objects.requireNonNull(GraphCanvas.class.getResource(CanvasStyles.STYLESHEET))
                .toExternalForm());
        getStyleClass().add(CanvasStyles.CANVAS);
        setMinSize(0, 0);
        setFocusTraversable(true);

        viewport = new CanvasViewport(world, network::contentBounds, theme);
        overlay.setMouseTransparent(true);
        world.getChildren().addAll(network.layers());
        world.getChildren().add(overlay);
        edits = new CanvasEdits(project, selection);
        gestures = new PointerGestures(project, selection, network, viewport, world, overlay, edits, this::requestFocus);
        tiles = new TileLanding(project, selection, network, world, overlay, viewport, edits, this::requestFocus);
        clipboard = new NodeClipboard(project, selection, edits);
        new CanvasKeys(selection, gestures, clipboard, this);
        new CanvasMenu(selection, network, clipboard, this, viewport);
        ProblemLinks links = new ProblemLinks(selection, network, viewport);

        emptyHint.getStyleClass().add(CanvasStyles.EMPTY_HINT);
        emptyHint.setGraphic(new FontIcon("mdi2g-gesture-tap-hold"));
        emptyHint.setMouseTransparent(true);
        zoomBadge.getStyleClass().add(CanvasStyles.ZOOM_BADGE);
        zoomBadge.setTooltip(new Tooltip("Zoom: Ctrl+wheel or Ctrl+= / Ctrl+-. Click for 100 %."));
        zoomBadge.setOnMouseClicked(e -> viewport.zoomAtCentre(1 / viewport.zoom()));
        zoomBadge.textProperty().bind(viewport.zoomProperty().multiply(100).asString("%.0f %%"));
        problems = new ProblemsList(links::linked, links::revealProblem);
        runBanner.setId("canvas-run-banner");
        runBanner.getStyleClass().add(CanvasStyles.RUN_BANNER);
        runBanner.setWrapText(true);
        runBanner.setMaxWidth(640);
        runBanner.setMouseTransparent(true);
        runBanner.setVisible(false);
        runSwatch.getStyleClass().add(CanvasStyles.RUN_BANNER_SWATCH);
        runBanner.setGraphic(runSwatch);
        getChildren().addAll(viewport, emptyHint, problems, zoomBadge, runBanner);
        StackPane.setAlignment(runBanner, Pos.TOP_LEFT);
        StackPane.setMargin(runBanner, new Insets(10));
        StackPane.setAlignment(problems, Pos.BOTTOM_LEFT);
        StackPane.setMargin(problems, new Insets(10));
        StackPane.setAlignment(zoomBadge, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(zoomBadge, new Insets(10));

        project.experimentProperty().addListener((o, old, now) -> {
            // new, open, example: fit the new network; an edit or a save leaves the view where it is
            boolean replaced = project.replacements() != replacementsShown;
            replacementsShown = project.replacements();
            refresh();
            if (replaced) {
                viewport.fitReadable();
            }
        });
        data.validationProperty().addListener((o, old, now) -> refresh());
        data.problems().addListener((ListChangeListener<Problem>) c -> problems.show(List.copyOf(data.problems())));
        selection.runProperty().addListener((o, was, now) -> refresh());
        selection.nodes().addListener((SetChangeListener<String>) c -> showSelection());
        selection.edges().addListener((SetChangeListener<Edge>) c -> showSelection());
        theme.darkProperty().addListener((o, was, dark) -> pseudoClassStateChanged(CanvasStyles.DARK, dark));
        pseudoClassStateChanged(CanvasStyles.DARK, theme.isDark());

        refresh();
        problems.show(List.copyOf(data.problems()));
    }

    // ---- the commands of the main window ----

    public void zoomIn() {
        viewport.zoomAtCentre(PointerGestures.ZOOM_STEP);
    }

    public void zoomOut() {
        viewport.zoomAtCentre(1 / PointerGestures.ZOOM_STEP);
    }

    /** Zooms and scrolls so the whole network shows, and keeps it so when the canvas is resized. */
    public void fitToView() {
        viewport.fitAll();
    }

    /** Lays the network out left to right by depth: one undoable "Auto-layout" edit. */
    public void autoLayout() {
        NetworkSpec network = project.experiment().network();
        if (network.nodes().isEmpty()) {
            return;
        }
        Validation v = data.validationProperty().get();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        for (NodeSpec node : network.nodes()) {
            Position p = project.positions().of(node);
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
        }
        Map<String, Position> layout = LayeredLayout.layout(network, v == null ? List.of() : v.order(),
                new Position(Math.round(minX), Math.round(minY)));
        edits.edit("Auto-layout", e -> Edits.move(e, layout));
        Bounds content = this.network.contentBounds();
        if (content != null && !viewport.visibleWorld().contains(content)) {
            fitToView();
        }
    }

    public void cut() {
        clipboard.cut();
    }

    /** Copies the selected nodes and the edges between them (to the canvas's own clipboard). */
    public void copy() {
        clipboard.copy();
    }

    /** Adds copies of the copied nodes, offset from the originals, and selects them. */
    public void paste() {
        clipboard.paste();
    }

    /** Removes the selected nodes (with their edges) and edges: one undoable edit. */
    public void deleteSelection() {
        edits.deleteSelection("Delete");
    }

    public void selectAll() {
        NetworkSpec network = project.experiment().network();
        selection.selectGraph(network.nodes().stream().map(NodeSpec::id).toList(), network.edges());
    }

    /** The zoom factor: 1 shows canvas units as pixels. */
    public ReadOnlyDoubleProperty zoomProperty() {
        return viewport.zoomProperty();
    }

    /** Where the canvas looks now, for {@link #restoreView}. */
    public CanvasCamera camera() {
        return viewport.camera();
    }

    /**
     * Presenter mode: shows the cards at {@code zoom} and keeps them so, the network centred (or its
     * start shown) at every resize, until the user zooms or pans.
     */
    public void magnify(double zoom) {
        viewport.magnify(zoom);
    }

    /** How tall the network is, cards, edges and their labels with a little room, in canvas units (0: empty). */
    public double networkHeight() {
        Bounds content = network.contentBounds();
        return content == null ? 0 : content.getHeight();
    }

    /** Back to a zoom and scroll from {@link #camera}. */
    public void restoreView(CanvasCamera saved) {
        viewport.restore(saved);
    }

    // ---- following the models ----

    /**
     * Brings the cards and edges in line with the experiment and its validation, and, while a run is
     * selected, with the network that run trains: its overrides shown on the cards and marked, and a
     * banner in the corner naming the run.
     */
    private void refresh() {
        Experiment e = project.experiment();
        Validation v = data.validationProperty().get();
        int run = selection.runProperty().get();
        if (e == shown && v == shownValidation && run == runShown) {
            return;
        }
        gestures.cancel();
        shown = e;
        shownValidation = v;
        runShown = run;
        RunNetwork trained = RunNetwork.of(e, run).orElse(null);
        network.show(e, v, project.positions(), trained);
        network.showDivergence(divergedNode, divergedSentence);
        runBanner.setVisible(trained != null);
        if (trained != null) {
            runBanner.setText(trained.describe(e) + (trained.isShared() ? "" : " Click a node to edit the shared network."));
            runSwatch.setFill(Color.web(RunColors.of(trained.index())));
        }
        selection.nodes().retainAll(network.nodeIds());
        selection.edges().retainAll(network.edgeSet());
        showSelection();
        emptyHint.setVisible(e.network().nodes().isEmpty());
    }

    /**
     * Marks node {@code node} as where a run diverged, with {@code sentence} saying what happened there
     * and what to try; null clears the mark.
     */
    public void showDivergence(String node, String sentence) {
        if (java.util.Objects.equals(node, divergedNode) && java.util.Objects.equals(sentence, divergedSentence)) {
            return;
        }
        divergedNode = node;
        divergedSentence = sentence;
        shown = null; // redraw the cards: the mark and the hover text
        refresh();
    }

    private void showSelection() {
        network.showSelection(selection.nodes(), selection.edges());
    }

    /** The card drawn for node {@code id}, or null when the canvas shows no such node (a lesson outlines it). */
    public javafx.scene.layout.Region card(String id) {
        return network.node(id);
    }

    // ---- for tests ----

    NodeView nodeView(String id) {
        return network.node(id);
    }

    EdgeView edgeView(Edge edge) {
        return network.edge(edge);
    }

    Label runBanner() {
        return runBanner;
    }

    ProblemsList problemsList() {
        return problems;
    }

    Rectangle ghost() {
        return tiles.ghost();
    }

    Node viewport() {
        return viewport;
    }

    Optional<TileLanding.Landing> landingAt(Tile tile, Point2D scene) {
        return tiles.landingAt(tile, scene);
    }

    boolean drop(Tile tile, Point2D scene) {
        return tiles.drop(tile, scene);
    }

    /** A point in canvas units, in scene coordinates. */
    Point2D sceneOf(Point2D canvasPoint) {
        return world.localToScene(canvasPoint);
    }

    /** A point in canvas units, in screen coordinates (for the test robot). */
    Point2D screenOf(Point2D canvasPoint) {
        return world.localToScreen(canvasPoint);
    }
}
