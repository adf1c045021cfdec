package dev.descent.ui.present;

import dev.descent.ui.canvas.GraphCanvas;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Presenter mode, for a class in front of a projector: the window full screen, every font, stroke and
 * canvas card {@link Theme#PRESENTER_SCALE} times its size, high contrast, the palette and inspector
 * hidden, the lesson text large, and the keyboard driving the demonstration:
 *
 * <table>
 *   <caption>keys while presenter mode is on</caption>
 *   <tr><td>Space</td><td>train, or pause while training</td></tr>
 *   <tr><td>Right</td><td>one step</td></tr>
 *   <tr><td>R</td><td>reset</td></tr>
 *   <tr><td>PageDown, PageUp</td><td>next and previous lesson step (the lesson's own keys)</td></tr>
 *   <tr><td>Esc</td><td>leave</td></tr>
 * </table>
 *
 * <p>Lifecycle: {@link #enter} saves the layout ({@link SavedLayout}: every split pane's dividers, which
 * panes show, the window's bounds and full-screen state, the theme, the canvas's zoom and scroll) and
 * then changes it; {@link #leave} puts every one of those back. Sizes in CSS come from
 * {@code presenter.css} on the window's root; self-drawn views follow {@link Theme#presenterProperty()}.
 * FX thread only.
 */
public final class PresenterMode {
    /** Panes hidden while presenting, by id: the palettes and the inspector. */
    static final List<String> HIDDEN = List.of("palette", "inspector");
    /** The style class on the window's root while presenting. */
    public static final String STYLE = "presenter";
    static final String STYLESHEET = PresenterMode.class.getResource("/dev/descent/ui/present/presenter.css")
            .toExternalForm();
    /** How long after leaving the dividers are put back again as the window settles into its old size. */
    private static final Duration SETTLE = Duration.seconds(2);

    private final Stage stage;
    private final Parent root;
    private final Theme theme;
    private final GraphCanvas canvas;
    private final TrainingSession session;
    private final Runnable train;
    private final Runnable step;
    private final ReadOnlyBooleanWrapper on = new ReadOnlyBooleanWrapper();
    private final Label indicator = new Label("Presenter mode · Esc leaves");
    private final PresenterWindows windows;
    private final EventHandler<KeyEvent> keys = this::onKey;
    private final InvalidationListener fullScreenLeft = o -> {
        if (isOn() && !stageFullScreen()) {
            leave(); // the window manager took full screen away: the rest of presenter mode goes with it
        }
    };
    private SavedLayout saved;
    /** The split panes {@link #enter} found, in the order of {@link SavedLayout#dividers()}. */
    private List<SplitPane> splitPanes = List.of();
    private List<Node> hiddenNodes = List.of();
    private KeyCombination exitKey;
    private String exitHint;

    /**
     * @param train the window's Train command (commits typed values first)
     * @param step  the window's Step command
     */
    public PresenterMode(Stage stage, Parent root, Theme theme, GraphCanvas canvas, TrainingSession session,
                         Runnable train, Runnable step) {
        this.stage = stage;
        this.windows = new PresenterWindows(stage);
        this.root = root;
        this.theme = theme;
        this.canvas = canvas;
        this.session = session;
        this.train = train;
        this.step = step;
        indicator.setId("presenter-indicator");
        indicator.getStyleClass().add("presenter-indicator");
        indicator.visibleProperty().bind(on.getReadOnlyProperty());
        indicator.managedProperty().bind(indicator.visibleProperty());
    }

    /** Whether presenter mode is on. */
    public ReadOnlyBooleanProperty onProperty() {
        return on.getReadOnlyProperty();
    }

    public boolean isOn() {
        return on.get();
    }

    /** The small label saying presenter mode is on (and how to leave); shown only while it is. */
    public Node indicator() {
        return indicator;
    }

    /** View > Presenter Mode, F11 and the tool bar's button. */
    public void toggle() {
        if (isOn()) {
            leave();
        } else {
            enter();
        }
    }

    /** Saves the layout, then goes full screen, large, high contrast, without palettes and inspector. */
    public void enter() {
        if (isOn() || root.getScene() == null) {
            return;
        }
        List<SplitPane> panes = splitPanes();
        List<double[]> dividers = new ArrayList<>();
        for (SplitPane p : panes) {
            dividers.add(p.getDividerPositions().clone());
        }
        List<SavedLayout.HiddenPane> hidden = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (String id : HIDDEN) {
            for (int i = 0; i < panes.size(); i++) {
                Node n = itemWithId(panes.get(i), id);
                if (n != null) {
                    hidden.add(new SavedLayout.HiddenPane(id, i, panes.get(i).getItems().indexOf(n)));
                    nodes.add(n);
                }
            }
        }
        saved = new SavedLayout(dividers, hidden, new SavedLayout.WindowState(stage.getX(), stage.getY(),
                stage.getWidth(), stage.getHeight(), stage.isFullScreen(), stage.isMaximized()), theme.isDark(),
                canvas.camera());
        splitPanes = panes;
        hiddenNodes = nodes;
        on.set(true);
        theme.presenterProperty().set(true); // first: the theme's switch to light is then not remembered
        theme.darkProperty().set(false);
        root.getStylesheets().add(STYLESHEET);
        root.getStyleClass().add(STYLE);
        for (int k = hidden.size() - 1; k >= 0; k--) { // from the last: earlier indices stay valid
            panes.get(hidden.get(k).splitPane()).getItems().remove(nodes.get(k));
        }
        giveTheChartsRoom();
        windows.start();
        exitKey = stage.getFullScreenExitKeyCombination();
        exitHint = stage.getFullScreenExitHint();
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH); // Esc is ours: it leaves all of it
        stage.setFullScreenExitHint("Presenter mode: Esc leaves");
        fillScreen(); // where full screen is refused (no window manager), the window still covers the screen
        stage.setFullScreen(true);
        stage.fullScreenProperty().addListener(fullScreenLeft);
        root.getScene().addEventFilter(KeyEvent.KEY_PRESSED, keys);
        root.applyCss();
        root.layout();
        // the canvas's cards grow by zooming (their places are in canvas units), from the zoom they had
        canvas.magnify(saved.canvas().zoom() * Theme.PRESENTER_SCALE);
    }

    /**
     * The charts are where most lessons show their claim, and at 1.6 times the text they need the room:
     * the canvas gets what its network needs at the presenter's zoom ({@link #canvasShare}), the runs and
     * data view {@value #RUNS_SHARE} of the width beside the charts.
     */
    private void giveTheChartsRoom() {
        Node canvasNode = root.lookup("#canvas");
        Node chartNode = root.lookup("#chart-tabs");
        Node runsNode = root.lookup("#runs");
        SplitPane vertical = splitPaneHolding(canvasNode, chartNode);
        if (vertical != null && vertical.getDividers().size() == 1) {
            double network = canvas.networkHeight() * saved.canvas().zoom() * Theme.PRESENTER_SCALE;
            vertical.setDividerPositions(canvasShare(network, screen().getHeight()));
        }
        SplitPane horizontal = splitPaneHolding(runsNode, chartNode);
        if (horizontal != null && horizontal.getDividers().size() == 1) {
            horizontal.setDividerPositions(RUNS_SHARE);
        }
    }

    /**
     * The share of the height the canvas gets on a screen {@code screenHeight} pixels high for a network
     * {@code networkPixels} high at the presenter's zoom: its height with {@value #CANVAS_MARGIN} pixels
     * for the zoom badge and the shape labels, over the height below the menus and above the status bar
     * ({@value #CHROME} pixels), between {@value #MIN_CANVAS_SHARE} and {@value #CANVAS_SHARE}:
     * <pre>share = clamp((networkPixels + margin) / (screenHeight - chrome), min, max)</pre>
     * A one-row network (most lessons) leaves the charts most of the screen; a tall one keeps the old share.
     */
    static double canvasShare(double networkPixels, double screenHeight) {
        double share = (networkPixels + CANVAS_MARGIN) / Math.max(1, screenHeight - CHROME);
        return Math.max(MIN_CANVAS_SHARE, Math.min(CANVAS_SHARE, share));
    }

    static final double CANVAS_SHARE = 0.36;
    static final double MIN_CANVAS_SHARE = 0.22;
    /** Room around the network in the canvas, in pixels: the zoom badge below, the shape labels above. */
    static final double CANVAS_MARGIN = 90;
    /** The menu bar, tool bar and status bar in presenter mode, in pixels. */
    static final double CHROME = 130;
    static final double RUNS_SHARE = 0.27;

    /** The innermost split pane with both {@code a} and {@code b} inside it, or null. */
    private static SplitPane splitPaneHolding(Node a, Node b) {
        if (a == null || b == null) {
            return null;
        }
        for (Node n = a.getParent(); n != null; n = n.getParent()) {
            if (n instanceof SplitPane p && isInside(b, p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Puts back exactly what {@link #enter} saved. */
    public void leave() {
        if (!isOn()) {
            return;
        }
        SavedLayout s = saved;
        Scene scene = root.getScene();
        if (scene != null) {
            scene.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        }
        stage.fullScreenProperty().removeListener(fullScreenLeft);
        on.set(false);
        for (int k = 0; k < s.hidden().size(); k++) { // from the first: each goes back where it was
            SavedLayout.HiddenPane h = s.hidden().get(k);
            splitPanes.get(h.splitPane()).getItems().add(h.index(), hiddenNodes.get(k));
        }
        hiddenNodes = List.of();
        root.getStyleClass().remove(STYLE);
        root.getStylesheets().remove(STYLESHEET);
        windows.stop();
        theme.darkProperty().set(s.dark());
        theme.presenterProperty().set(false); // last: the dark theme put back was never forgotten
        SavedLayout.WindowState w = s.window();
        stage.setFullScreen(w.fullScreen());
        stage.setFullScreenExitKeyCombination(exitKey);
        stage.setFullScreenExitHint(exitHint);
        stage.setMaximized(w.maximized());
        if (!w.fullScreen() && !w.maximized()) {
            stage.setX(w.x());
            stage.setY(w.y());
            stage.setWidth(w.width());
            stage.setHeight(w.height());
        }
        restoreDividers(s);
        canvas.restoreView(s.canvas());
        // a real window leaves full screen later, and split panes with a fixed-size side move their
        // dividers as it shrinks: put them back again while it settles
        InvalidationListener again = o -> restoreDividers(s);
        stage.widthProperty().addListener(again);
        stage.heightProperty().addListener(again);
        PauseTransition settle = new PauseTransition(SETTLE);
        settle.setOnFinished(e -> {
            stage.widthProperty().removeListener(again);
            stage.heightProperty().removeListener(again);
        });
        settle.play();
        Platform.runLater(() -> {
            restoreDividers(s);
            canvas.restoreView(s.canvas());
        });
    }

    private void restoreDividers(SavedLayout s) {
        if (isOn()) {
            return;
        }
        List<SplitPane> panes = splitPanes;
        root.applyCss();
        root.layout();
        for (int i = 0; i < panes.size(); i++) {
            panes.get(i).setDividerPositions(s.dividers().get(i));
        }
        root.layout();
        for (int i = 0; i < panes.size(); i++) {
            panes.get(i).setDividerPositions(s.dividers().get(i)); // again: a layout pass may clamp one to a min size
        }
    }

    /** Every split pane in the window, outermost first (a node's split panes come before its children's). */
    private List<SplitPane> splitPanes() {
        List<SplitPane> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, List<SplitPane> found) {
        if (node instanceof SplitPane p) {
            found.add(p);
            for (Node item : p.getItems()) {
                collect(item, found);
            }
        } else if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, found);
            }
        }
    }

    private static Node itemWithId(SplitPane pane, String id) {
        for (Node item : pane.getItems()) {
            if (id.equals(item.getId())) {
                return item;
            }
        }
        return null;
    }

    /** Puts the window over the whole of the screen it is on. */
    /** The bounds of the screen the window is on (the first that holds part of it, else the primary). */
    private Rectangle2D screen() {
        List<Screen> screens = Screen.getScreensForRectangle(stage.getX(), stage.getY(),
                Math.max(1, stage.getWidth()), Math.max(1, stage.getHeight()));
        return (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getBounds();
    }

    private void fillScreen() {
        Rectangle2D b = screen();
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setWidth(b.getWidth());
        stage.setHeight(b.getHeight());
    }

    private boolean stageFullScreen() {
        return stage.isFullScreen();
    }

    /** The keys while on; typing in a text field keeps its letters and space. */
    private void onKey(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (e.getCode() == KeyCode.ESCAPE) {
            leave();
            e.consume();
            return;
        }
        Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
        if (focus instanceof TextInputControl) {
            return;
        }
        switch (e.getCode()) {
            case SPACE -> {
                if (session.state() == TrainingSession.State.RUNNING) {
                    session.pause();
                } else if (session.state() != TrainingSession.State.PREPARING) {
                    train.run();
                }
            }
            case RIGHT -> {
                if (session.state() != TrainingSession.State.PREPARING) {
                    step.run();
                }
            }
            case R -> session.reset();
            default -> {
                return;
            }
        }
        e.consume();
    }
}
