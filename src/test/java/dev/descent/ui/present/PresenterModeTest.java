package dev.descent.ui.present;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.lesson.BuiltInLessons;
import dev.descent.ui.WindowFixture;
import dev.descent.ui.model.TrainingSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Presenter mode in the whole window: it scales what the class reads (window text, chart ticks, the
 * canvas's cards, the lesson text) by at least 1.6, hides the palette and inspector, answers its keys,
 * and leaving it puts the layout back exactly as it was.
 */
@ExtendWith(ApplicationExtension.class)
class PresenterModeTest {
    static {
        // the first window of a fresh JVM loads most of JavaFX, JFreeChart and the panels: on a busy
        // machine (two cores shared by several builds) that took over TestFX's default 30 s
        System.setProperty("testfx.setup.timeout", System.getProperty("testfx.setup.timeout", "120000"));
    }

    private WindowFixture fx;
    private Stage stage;
    private PresenterMode presenter;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fx = new WindowFixture(stage);
        presenter = fx.window.presenter();
    }

    @BeforeEach
    void ready() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx.engine.isReady() && fx.data.dataset() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            presenter.leave();
            fx.close();
        }).get();
    }

    private static void onFx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void press(FxRobot robot, KeyCode key) {
        robot.press(key).release(key);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Parent root() {
        return fx.window.root();
    }

    /** The size of the text the tool bar's Train button shows, as rendered. */
    private double trainTextSize(FxRobot robot) {
        return robot.lookup("#train").lookup(".text").queryAs(Text.class).getFont().getSize();
    }

    /** The tick-label font size of the loss chart (the first chart of the Training tab), in points. */
    private float chartTickSize() {
        XYPlot plot = firstChart().getChart().getXYPlot();
        return plot.getDomainAxis().getTickLabelFont().getSize2D();
    }

    private ChartViewer firstChart() {
        return (ChartViewer) root().lookup("#charts").lookupAll(".chart-cell").stream()
                .map(cell -> ((Parent) cell).getChildrenUnmodifiable().get(0))
                .filter(ChartViewer.class::isInstance).findFirst().orElseThrow();
    }

    /** How many screen pixels one pixel of card {@code id} takes. */
    private double cardScale(String id) {
        return fx.window.canvas().card(id).getLocalToSceneTransform().getMxx();
    }

    private List<double[]> dividers() {
        List<double[]> all = new ArrayList<>();
        for (Node n : root().lookupAll(".split-pane")) {
            all.add(((SplitPane) n).getDividerPositions().clone());
        }
        return all;
    }

    @Test
    void presenterModeScalesTextChartTicksAndCardsByAtLeastOnePointSix(FxRobot robot) throws Exception {
        // given the window as it opens
        String card = fx.project.experiment().network().nodes().get(1).id();
        double text = trainTextSize(robot);
        float ticks = chartTickSize();
        double cards = cardScale(card);
        // when presenter mode is turned on from the View menu
        onFx(() -> fx.menuItem("menu-presenter").fire());
        // then the window's text, the chart's tick labels and the canvas's cards are at least 1.6 times as large
        assertTrue(presenter.isOn());
        assertTrue(trainTextSize(robot) >= 1.6 * text - 1e-9, trainTextSize(robot) + " against " + text);
        assertTrue(chartTickSize() >= 1.6f * ticks - 1e-6, chartTickSize() + " against " + ticks);
        assertTrue(cardScale(card) >= 1.6 * cards - 1e-9, cardScale(card) + " against " + cards);
        // and the window is full screen with the indicator showing
        assertTrue(stage.isFullScreen());
        assertTrue(robot.lookup("#presenter-indicator").queryAs(Label.class).isVisible());
    }

    /** The rendered size of the text that control {@code id} shows (its first text). */
    private double controlTextSize(FxRobot robot, String id) {
        return robot.lookup(id).lookup(".text").queryAs(Text.class).getFont().getSize();
    }

    @Test
    void theChartsOwnControlsScaleWithTheWindow(FxRobot robot) throws Exception {
        // given the loss chart's choosers (x axis, band style) and its log toggle as the window opens
        List<String> controls = List.of("#loss-x-axis", "#loss-band", "#loss-log");
        List<Double> before = new ArrayList<>();
        for (String id : controls) {
            before.add(controlTextSize(robot, id));
        }
        // when presenter mode is on
        onFx(presenter::enter);
        // then each shows its text at least 1.6 times as large (the choosers stayed at 12 px)
        for (int i = 0; i < controls.size(); i++) {
            double now = controlTextSize(robot, controls.get(i));
            assertTrue(now >= 1.6 * before.get(i) - 1e-9, controls.get(i) + ": " + now + " against " + before.get(i));
        }
        // and the x-axis chooser, whose width is set, still shows its longest choice whole
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<Object> chooser = robot.lookup("#loss-x-axis").queryAs(javafx.scene.control.ChoiceBox.class);
        Object longest = chooser.getItems().stream().filter(i -> i.toString().equals("Examples")).findFirst().orElseThrow();
        onFx(() -> chooser.setValue(longest));
        assertEquals("Examples", robot.lookup("#loss-x-axis").lookup(".text").queryAs(Text.class).getText());
        // and so does the band chooser, whose width is set too
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<Object> band = robot.lookup("#loss-band").queryAs(javafx.scene.control.ChoiceBox.class);
        Object widest = band.getItems().stream().filter(i -> i.toString().equals("min–max")).findFirst().orElseThrow();
        onFx(() -> {
            band.setVisible(true);
            band.setManaged(true);
            band.setValue(widest);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("min–max", robot.lookup("#loss-band").lookup(".text").queryAs(Text.class).getText());
    }

    /** The rows the loss chart's shown controls take (a row's controls are centred on one line). */
    private long controlRows() {
        Parent controls = (Parent) root().lookup(".chart-controls");
        List<Double> centres = controls.getChildrenUnmodifiable().stream().filter(n -> n.isManaged() && n.isVisible())
                .map(n -> n.getBoundsInParent().getCenterY()).sorted().toList();
        long rows = centres.isEmpty() ? 0 : 1;
        for (int i = 1; i < centres.size(); i++) {
            rows += centres.get(i) - centres.get(i - 1) > 5 ? 1 : 0;
        }
        return rows;
    }

    @Test
    void besideALessonTheLossChartsControlsTakeOneRowInPresenterMode(FxRobot robot) throws Exception {
        // given the learning-rate lesson open (its loss chart is where its claim shows)
        String file = BuiltInLessons.FILES.stream().filter(f -> f.startsWith("learning-rate")).findFirst().orElseThrow();
        onFx(() -> fx.menuItem("lesson-" + file.substring(0, file.indexOf(".lesson."))).fire());
        Node slider = root().lookup("#loss-smoothing");
        assertTrue(slider.isManaged() && slider.isVisible());
        // when presenter mode is on, on the 1920x1080 screen, and the window settles
        onFx(presenter::enter);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // then the smoothing slider leaves the layout (hidden, it still pushed Log scale onto a second row)
        assertFalse(slider.isManaged() || slider.isVisible(), "the smoothing slider in presenter mode");
        // and the x-axis chooser and Log scale share one row beside the chart's title
        assertEquals(1, controlRows(), "rows of the loss chart's controls");
        assertTrue(root().lookup("#loss-log").isVisible() && root().lookup("#loss-x-axis").isVisible());
        // and leaving brings the slider back
        onFx(presenter::leave);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(slider.isManaged() && slider.isVisible(), "the smoothing slider after presenter mode");
    }

    @Test
    void theDataPanelWrapsItsTitleInsteadOfCuttingIt(FxRobot robot) throws Exception {
        // when presenter mode is on (the data panel is narrow beside the charts)
        onFx(presenter::enter);
        WaitForAsyncUtils.waitForFxEvents();
        // then the title's text on screen is all of it
        javafx.scene.control.Label title = robot.lookup("#data-view .data-title").queryAs(javafx.scene.control.Label.class);
        String shown = ((Text) title.lookup(".text")).getText();
        assertEquals(title.getText(), shown);
    }

    @Test
    void theLessonTextIsLargeInPresenterMode(FxRobot robot) throws Exception {
        // given a lesson open
        String file = BuiltInLessons.FILES.get(0);
        onFx(() -> fx.menuItem("lesson-" + file.substring(0, file.indexOf(".lesson."))).fire());
        Text run = (Text) root().lookup("#lesson-step-text").lookupAll(".lesson-run").iterator().next();
        double before = run.getFont().getSize();
        double width = root().lookup("#lesson-panel").getBoundsInParent().getWidth();
        // when presenter mode is on
        onFx(presenter::enter);
        // then its text is at least 1.6 times as large, in a panel wide enough for the same words per line
        assertTrue(run.getFont().getSize() >= 1.6 * before - 1e-9, run.getFont().getSize() + " against " + before);
        assertTrue(root().lookup("#lesson-panel").getBoundsInParent().getWidth() >= 1.6 * width - 1);
    }

    @Test
    void presenterModeHidesThePaletteAndTheInspector(FxRobot robot) throws Exception {
        // given both panes in the window
        assertNotNull(root().lookup("#palette"));
        assertNotNull(root().lookup("#inspector"));
        // when presenter mode is turned on with F11
        press(robot, KeyCode.F11);
        // then neither is in the window any more, and the canvas and charts still are
        assertTrue(presenter.isOn());
        assertNull(root().lookup("#palette"));
        assertNull(root().lookup("#inspector"));
        assertNotNull(root().lookup("#canvas"));
        assertNotNull(root().lookup("#charts"));
    }

    @Test
    void spaceTrainsAndPausesAndEscapeLeaves(FxRobot robot) throws Exception {
        // given presenter mode on and nothing trained
        onFx(presenter::enter);
        assertEquals(TrainingSession.State.IDLE, fx.session.state());
        // when Space is pressed, training starts
        press(robot, KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.state() == TrainingSession.State.RUNNING
                || fx.session.state() == TrainingSession.State.FINISHED);
        // and Space again pauses it (unless it finished first)
        if (fx.session.state() == TrainingSession.State.RUNNING) {
            press(robot, KeyCode.SPACE);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx.session.state() != TrainingSession.State.RUNNING);
            assertTrue(fx.session.state() == TrainingSession.State.PAUSED
                    || fx.session.state() == TrainingSession.State.FINISHED, fx.session.state().toString());
        }
        // when Escape is pressed, presenter mode ends and the window leaves full screen
        press(robot, KeyCode.ESCAPE);
        assertFalse(presenter.isOn());
        assertFalse(stage.isFullScreen());
        assertFalse(root().getStyleClass().contains(PresenterMode.STYLE));
    }

    @Test
    void rightStepsOnceAndRResets(FxRobot robot) throws Exception {
        // given presenter mode on and nothing trained
        onFx(presenter::enter);
        // when Right is pressed, every run takes exactly one step
        press(robot, KeyCode.RIGHT);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx.session.comparisonProperty().get() != null
                && fx.session.state() == TrainingSession.State.PAUSED
                && fx.session.comparisonProperty().get().summaries().get(0).steps() == 1);
        assertEquals(1, fx.session.comparisonProperty().get().summaries().get(0).steps());
        // when R is pressed, the runs are cleared
        press(robot, KeyCode.R);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx.session.comparisonProperty().get() == null);
        assertEquals(TrainingSession.State.IDLE, fx.session.state());
    }

    @Test
    void pageDownAndPageUpPageThroughTheLessonInPresenterMode(FxRobot robot) throws Exception {
        // given a lesson open at its first step, in presenter mode
        String file = BuiltInLessons.FILES.get(0);
        onFx(() -> fx.menuItem("lesson-" + file.substring(0, file.indexOf(".lesson."))).fire());
        onFx(presenter::enter);
        assertEquals(0, fx.window.lessons().stepProperty().get());
        // when PageDown, then PageUp, are pressed
        press(robot, KeyCode.PAGE_DOWN);
        assertEquals(1, fx.window.lessons().stepProperty().get());
        press(robot, KeyCode.PAGE_UP);
        // then the lesson went to its second step and back
        assertEquals(0, fx.window.lessons().stepProperty().get());
    }

    @Test
    void aOneRowNetworkLeavesTheChartsMostOfTheScreenAndStillShowsWhole(FxRobot robot) throws Exception {
        // given the window's example, a network of one row of cards
        Node canvas = root().lookup("#canvas");
        SplitPane vertical = (SplitPane) root().lookupAll(".split-pane").stream()
                .filter(n -> ((SplitPane) n).getOrientation() == javafx.geometry.Orientation.VERTICAL
                        && ((SplitPane) n).getItems().stream().anyMatch(item -> item == canvas || item.lookup("#canvas") != null))
                .findFirst().orElseThrow();
        // when presenter mode is entered and the window settles at the screen's size
        onFx(presenter::enter);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // then the canvas takes less than the old fixed share of the height, the charts the rest
        double share = vertical.getDividerPositions()[0];
        assertTrue(share < PresenterMode.CANVAS_SHARE - 0.05, "canvas share " + share);
        // and every card is whole inside the canvas, at the presenter's size
        javafx.geometry.Bounds view = canvas.localToScene(canvas.getLayoutBounds());
        for (var node : fx.project.experiment().network().nodes()) {
            javafx.geometry.Bounds card = fx.window.canvas().card(node.id()).localToScene(
                    fx.window.canvas().card(node.id()).getLayoutBounds());
            assertTrue(view.contains(card), node.id() + " at " + card + " outside the canvas " + view);
        }
    }

    @Test
    void theCanvasShareIsTheNetworksHeightWithItsMarginBetweenTheBounds() {
        double room = 1080 - PresenterMode.CHROME;
        assertEquals((200 + PresenterMode.CANVAS_MARGIN) / room, PresenterMode.canvasShare(200, 1080), 1e-12);
        assertEquals(PresenterMode.MIN_CANVAS_SHARE, PresenterMode.canvasShare(20, 1080), 0.0);
        assertEquals(PresenterMode.CANVAS_SHARE, PresenterMode.canvasShare(900, 1080), 0.0);
    }

    /** The dialog showing over the main window (its root a dialog pane). */
    private javafx.scene.control.DialogPane dialog(FxRobot robot) {
        javafx.stage.Window w = robot.listTargetWindows().stream()
                .filter(x -> x != stage && x.isShowing() && x.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                .findFirst().orElseThrow(() -> new AssertionError("no dialog is showing"));
        return (javafx.scene.control.DialogPane) w.getScene().getRoot();
    }

    /** The rendered size of the first "what it does" line of the keyboard shortcuts dialog. */
    private static double shortcutTextSize(javafx.scene.control.DialogPane pane) {
        return ((Text) pane.lookup(".shortcut-does").lookup(".text")).getFont().getSize();
    }

    private static void closeDialog(javafx.scene.control.DialogPane pane) throws Exception {
        onFx(() -> pane.getScene().getWindow().hide());
    }

    @Test
    void dialogsOpenedInPresenterModeAreAsLargeAsTheWindowAndBackToNormalAfter(FxRobot robot) throws Exception {
        // given the keyboard shortcuts as they show outside presenter mode
        press(robot, KeyCode.F1);
        javafx.scene.control.DialogPane normal = dialog(robot);
        double normalText = shortcutTextSize(normal);
        double normalWidth = normal.getScene().getWindow().getWidth();
        closeDialog(normal);
        // when presenter mode is on and F1 is pressed
        onFx(presenter::enter);
        press(robot, KeyCode.F1);
        javafx.scene.control.DialogPane large = dialog(robot);
        // then the dialog's text is 1.6 times as large, its window wider with it, in the high-contrast style
        assertTrue(shortcutTextSize(large) >= 1.6 * normalText - 1e-3, shortcutTextSize(large) + " against " + normalText);
        assertTrue(large.getScene().getWindow().getWidth() >= 1.4 * normalWidth,
                large.getScene().getWindow().getWidth() + " against " + normalWidth);
        assertTrue(large.getStyleClass().contains(PresenterMode.STYLE));
        // and a dialog still open when presenter mode ends goes back to the usual size
        onFx(presenter::leave);
        assertEquals(normalText, shortcutTextSize(large), 1e-9);
        assertFalse(large.getStyleClass().contains(PresenterMode.STYLE));
        closeDialog(large);
    }

    @Test
    void theStartPageOpenedInPresenterModeIsLargeWithItsCardsWholeInside(FxRobot robot) throws Exception {
        // when presenter mode is on and the start page of lessons is opened
        onFx(presenter::enter);
        onFx(() -> fx.window.lessons().showStartPage());
        javafx.stage.Window page = robot.listTargetWindows().stream()
                .filter(w -> w != stage && w.isShowing() && w.getScene().lookup("#start-scroll") != null)
                .findFirst().orElseThrow(() -> new AssertionError("no start page"));
        // then the lesson titles are 1.6 times their 15 px, and every card is whole inside the page
        Node first = page.getScene().lookup("#start-lesson-1");
        double title = ((Text) first.lookup(".start-title").lookup(".text")).getFont().getSize();
        assertTrue(title >= 1.6 * 15 - 1e-3, "title at " + title + " px");
        javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) page.getScene().lookup("#start-scroll");
        double viewport = scroll.getViewportBounds().getWidth();
        for (int i = 1; i <= BuiltInLessons.FILES.size(); i++) {
            Node card = page.getScene().lookup("#start-lesson-" + i);
            javafx.geometry.Bounds b = scroll.sceneToLocal(card.localToScene(card.getLayoutBounds()));
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= viewport + 0.5, "card " + i + " at " + b + " in " + viewport);
            assertTrue(b.getWidth() >= 1.6 * 400 - 1e-6, "card " + i + " is " + b.getWidth() + " wide");
        }
        // and out of presenter mode it opens at its usual size again
        onFx(presenter::leave);
        onFx(() -> fx.window.lessons().showStartPage());
        javafx.stage.Window again = robot.listTargetWindows().stream()
                .filter(w -> w != stage && w.isShowing() && w.getScene().lookup("#start-scroll") != null)
                .findFirst().orElseThrow();
        Node card = again.getScene().lookup("#start-lesson-1");
        assertEquals(15, ((Text) card.lookup(".start-title").lookup(".text")).getFont().getSize(), 1e-3);
        onFx(again::hide);
    }

    @Test
    void leavingPutsBackTheExactLayout(FxRobot robot) throws Exception {
        // given dividers the user moved, and the dark theme
        onFx(() -> {
            List<Node> panes = new ArrayList<>(root().lookupAll(".split-pane"));
            ((SplitPane) panes.get(0)).setDividerPositions(0.2);
            ((SplitPane) panes.get(1)).setDividerPositions(0.42);
            fx.theme.darkProperty().set(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<double[]> before = dividers();
        double width = stage.getWidth();
        double height = stage.getHeight();
        double font = trainTextSize(robot);
        double zoom = fx.window.canvas().zoomProperty().get();
        int items = ((SplitPane) root().lookupAll(".split-pane").iterator().next()).getItems().size();
        // when presenter mode is entered and left
        onFx(presenter::enter);
        assertFalse(fx.theme.isDark());
        press(robot, KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        // then every divider is where it was, the panes are back, and so are size, theme, font and zoom
        List<double[]> after = dividers();
        assertEquals(before.size(), after.size());
        List<SplitPane> splits = root().lookupAll(".split-pane").stream().map(SplitPane.class::cast).toList();
        for (int i = 0; i < before.size(); i++) {
            // to the pixel: a split pane snaps its divider to whole pixels, so the fraction can move by under one
            SplitPane split = splits.get(i);
            double length = split.getOrientation() == javafx.geometry.Orientation.HORIZONTAL ? split.getWidth() : split.getHeight();
            assertArrayEquals(before.get(i), after.get(i), 1.0 / length, "split pane " + i);
        }
        assertEquals(items, ((SplitPane) root().lookupAll(".split-pane").iterator().next()).getItems().size());
        assertNotNull(root().lookup("#palette"));
        assertNotNull(root().lookup("#inspector"));
        assertEquals(width, stage.getWidth());
        assertEquals(height, stage.getHeight());
        assertFalse(stage.isFullScreen());
        assertTrue(fx.theme.isDark());
        assertEquals(font, trainTextSize(robot));
        assertEquals(zoom, fx.window.canvas().zoomProperty().get(), 1e-12);
        assertFalse(robot.lookup("#presenter-indicator").queryAs(Label.class).isVisible());
    }
}
