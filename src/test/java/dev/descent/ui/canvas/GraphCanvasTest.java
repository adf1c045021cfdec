package dev.descent.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.descent.engine.graph.ActivationFunction;
import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.Position;
import dev.descent.engine.graph.Problem;
import dev.descent.experiment.Experiment;
import dev.descent.ui.app.Examples;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.Edits;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.palette.Tile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The canvas on its own in a stage, with real models and data loaded inline, showing the spiral example
 * (in → h1 → a1 → h2 → a2 → out → loss, 160 canvas units apart at y = 200).
 *
 * <p>Drag and drop of palette tiles: real mouse drags from a palette tile work under Monocle and are in
 * {@link PaletteTileDragTest}. Here the drop is tested more finely: through {@link GraphCanvas#drop} (what
 * the drag handlers call), through synthetic {@link DragEvent}s fired at the viewport, whose drag handlers a
 * real drop also goes through, carrying a real {@link Dragboard} (built on a test clipboard, see
 * {@link TestDragboards}), and through synthetic events without a dragboard, where the canvas falls back on
 * the tile set as the gesture source's user data.
 */
@ExtendWith(ApplicationExtension.class)
class GraphCanvasTest {
    private ProjectModel project;
    private SelectionModel selection;
    private DataModel data;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        project = new ProjectModel(Examples.load(Examples.FIRST));
        selection = new SelectionModel();
        data = new DataModel(project, Runnable::run, Runnable::run);
        canvas = new GraphCanvas(project, selection, data, new Theme(null));
        stage.setScene(new Scene(canvas, 1100, 560));
        stage.show();
    }

    // ---- tiles ----

    @Test
    void droppingADenseTileOnEmptyCanvasCreatesTheNodeWhereItIsDropped(FxRobot robot) {
        // given a point below the chain
        Point2D scene = onFx(() -> canvas.sceneOf(new Point2D(500, 450)));
        // when
        boolean dropped = onFx(() -> canvas.drop(new Tile(Tile.Kind.LAYER, "dense"), scene));
        // then the new node is centred where it was dropped, selected, and one undo step away
        assertTrue(dropped);
        NodeSpec dense = node("dense");
        assertTrue(dense instanceof NodeSpec.Dense);
        assertEquals(500 - NodeView.WIDTH / 2, dense.position().x(), 1);
        assertEquals(450 - NodeView.HEIGHT / 2, dense.position().y(), 1);
        assertEquals(Set.of("dense"), Set.copyOf(selection.nodes()));
        assertNotNull(canvas.nodeView("dense"));
        robot.interact(project::undo);
        assertTrue(experiment().network().node("dense").isEmpty());
    }

    @Test
    void aTileDraggedInWithARealDragboardHighlightsItsTargetAndDrops(FxRobot robot) {
        // given an activation tile carried the way the palette carries it, over dense node h1
        Dragboard board = onFx(() -> TestDragboards.carrying(new Tile(Tile.Kind.ACTIVATION, "tanh")));
        Point2D scene = centreOf("h1");
        // when it hovers
        DragEvent over = onFx(() -> fireDrag(DragEvent.DRAG_OVER, board, null, scene));
        // then h1 is highlighted and the drag is accepted
        assertTrue(over.isAccepted());
        assertTrue(canvas.nodeView("h1").getPseudoClassStates().contains(CanvasStyles.DROP_TARGET));
        // when it is dropped
        DragEvent dropped = onFx(() -> fireDrag(DragEvent.DRAG_DROPPED, board, null, scene));
        // then the activation after h1 is tanh, in one edit, and the highlight is gone
        assertTrue(dropped.isDropCompleted());
        assertEquals(ActivationFunction.TANH, ((NodeSpec.Activation) node("a1")).function().term());
        assertFalse(canvas.nodeView("h1").getPseudoClassStates().contains(CanvasStyles.DROP_TARGET));
        robot.interact(project::undo);
        assertEquals(ActivationFunction.RELU, ((NodeSpec.Activation) node("a1")).function().term());
    }

    @Test
    void aTileDraggedWithoutADragboardIsReadFromTheGestureSource(FxRobot robot) {
        // given a gesture source that carries its tile as user data, over empty canvas
        Label source = new Label("Dropout");
        source.setUserData(new Tile(Tile.Kind.LAYER, "dropout"));
        Point2D scene = onFx(() -> canvas.sceneOf(new Point2D(700, 420)));
        // when it hovers, then the place it would land is shown
        onFx(() -> fireDrag(DragEvent.DRAG_OVER, null, source, scene));
        assertTrue(canvas.ghost().isVisible());
        assertEquals(700 - NodeView.WIDTH / 2, canvas.ghost().getX(), 1);
        // when it is dropped
        onFx(() -> fireDrag(DragEvent.DRAG_DROPPED, null, source, scene));
        // then
        assertTrue(node("drop") instanceof NodeSpec.Dropout);
        assertFalse(canvas.ghost().isVisible());
    }

    @Test
    void aTileThatCannotGoThereIsRefused(FxRobot robot) {
        // given an initializer tile over an activation node
        Dragboard board = onFx(() -> TestDragboards.carrying(new Tile(Tile.Kind.INITIALIZER, "he_normal")));
        Point2D scene = centreOf("a1");
        Experiment before = experiment();
        // when
        DragEvent over = onFx(() -> fireDrag(DragEvent.DRAG_OVER, board, null, scene));
        boolean dropped = onFx(() -> canvas.drop(new Tile(Tile.Kind.INITIALIZER, "he_normal"), scene));
        // then the "not here" cursor shows (nothing accepted) and nothing changes
        assertFalse(over.isAccepted());
        assertFalse(dropped);
        assertEquals(before, experiment());
    }

    @Test
    void droppingAnActivationTileOnADenseNodeSetsTheActivationAfterIt(FxRobot robot) {
        // when
        boolean dropped = onFx(() -> canvas.drop(new Tile(Tile.Kind.ACTIVATION, "sigmoid"), centreOfNow("h2")));
        // then a2 (after h2) is now sigmoid; no node was added; h2 is selected for the inspector
        assertTrue(dropped);
        assertEquals(ActivationFunction.SIGMOID, ((NodeSpec.Activation) node("a2")).function().term());
        assertEquals(7, experiment().network().nodes().size());
        assertEquals(Set.of("h2"), Set.copyOf(selection.nodes()));
    }

    @Test
    void droppingANormalizationTileOnAnEdgeInsertsItThere(FxRobot robot) {
        // given the middle of the edge h1 → a1
        Point2D scene = onFx(() -> canvas.sceneOf(canvas.edgeView(new Edge("h1", "a1")).midpoint()));
        // when
        boolean dropped = onFx(() -> canvas.drop(new Tile(Tile.Kind.NORMALIZATION_LAYER, "batch_norm"), scene));
        // then h1 → bn → a1 replaces h1 → a1
        assertTrue(dropped);
        List<Edge> edges = experiment().network().edges();
        assertTrue(edges.contains(new Edge("h1", "bn")), edges.toString());
        assertTrue(edges.contains(new Edge("bn", "a1")), edges.toString());
        assertFalse(edges.contains(new Edge("h1", "a1")));
        assertNotNull(canvas.edgeView(new Edge("h1", "bn")));
    }

    @Test
    void aDenseTileDroppedOnAnEdgeGetsRoomDownstreamMovesRightInOneEdit(FxRobot robot) {
        // given the chain 160 units apart, and the middle of the edge h1 → a1
        Map<String, Position> before = positions();
        Point2D scene = onFx(() -> canvas.sceneOf(canvas.edgeView(new Edge("h1", "a1")).midpoint()));
        // when a dense tile is dropped there
        assertTrue(onFx(() -> canvas.drop(new Tile(Tile.Kind.LAYER, "dense"), scene)));
        // then the new node takes the next column after h1, on its row, and covers no card
        Position dense = node("dense").position();
        assertEquals(new Position(before.get("h1").x() + 160, before.get("h1").y()), dense);
        for (NodeSpec other : experiment().network().nodes()) {
            if (!other.id().equals("dense")) {
                assertFalse(canvas.nodeView("dense").rect().intersects(canvas.nodeView(other.id()).rect()),
                        "dense covers " + other.id());
            }
        }
        // and everything from a1 on moved one column right, the nodes before it stayed
        for (String id : List.of("a1", "h2", "a2", "out", "loss")) {
            assertEquals(before.get(id).x() + 160, node(id).position().x(), id);
            assertEquals(before.get(id).y(), node(id).position().y(), id);
        }
        assertEquals(before.get("in"), node("in").position());
        assertEquals(before.get("h1"), node("h1").position());
        // and one undo puts every node back
        assertEquals("Undo Insert dense", project.undoTextProperty().get());
        robot.interact(project::undo);
        assertEquals(before, positions());
    }

    @Test
    void anActivationDroppedOnADenseNodeWithoutOneMakesRoomForIt(FxRobot robot) {
        // given out (dense) → loss, no activation between them
        Map<String, Position> before = positions();
        // when a tanh tile is dropped on out
        assertTrue(onFx(() -> canvas.drop(new Tile(Tile.Kind.ACTIVATION, "tanh"), centreOfNow("out"))));
        // then the new activation sits in loss's old place and loss moved one column on
        NodeSpec act = experiment().network().nodes().stream().filter(n -> !before.containsKey(n.id())).findFirst()
                .orElseThrow();
        assertEquals(before.get("loss"), act.position());
        assertEquals(before.get("loss").x() + 160, node("loss").position().x());
    }

    private Map<String, Position> positions() {
        Map<String, Position> all = new LinkedHashMap<>();
        experiment().network().nodes().forEach(n -> all.put(n.id(), n.position()));
        return all;
    }

    // ---- connecting, moving, deleting ----

    @Test
    void draggingFromAnOutputPortToAnInputPortConnectsTheNodes(FxRobot robot) {
        // given a2 and out disconnected
        robot.interact(() -> project.edit("Disconnect", e -> Edits.delete(e, List.of(), List.of(new Edge("a2", "out")))));
        assertFalse(experiment().network().edges().contains(new Edge("a2", "out")));
        // when
        robot.drag(canvas.nodeView("a2").outPort(), MouseButton.PRIMARY).dropTo(canvas.nodeView("out").inPort());
        // then
        assertTrue(experiment().network().edges().contains(new Edge("a2", "out")));
        assertTrue(project.undoTextProperty().get().startsWith("Undo Connect a2"));
        robot.interact(project::undo);
        assertFalse(experiment().network().edges().contains(new Edge("a2", "out")));
    }

    @Test
    void draggingANodeMovesItInOneEditThatUndoAndRedoRestore(FxRobot robot) {
        // given
        double zoom = canvas.zoomProperty().get();
        Position before = node("h2").position();
        // when
        robot.drag(canvas.nodeView("h2").detailLabel(), MouseButton.PRIMARY).dropBy(0, 120);
        // then
        Position moved = node("h2").position();
        assertEquals(before.x(), moved.x(), 1);
        assertEquals(before.y() + 120 / zoom, moved.y(), 2);
        assertEquals(moved.y(), canvas.nodeView("h2").getLayoutY(), 1e-9);
        assertEquals("Undo Move h2", project.undoTextProperty().get());
        // when undone, then the card is back too
        robot.interact(project::undo);
        assertEquals(before, node("h2").position());
        assertEquals(before.y(), canvas.nodeView("h2").getLayoutY(), 1e-9);
        // when redone
        robot.interact(project::redo);
        assertEquals(moved, node("h2").position());
        assertEquals(moved.y(), canvas.nodeView("h2").getLayoutY(), 1e-9);
    }

    @Test
    void theDeleteKeyRemovesTheSelectedNodeAndUndoBringsItBack(FxRobot robot) {
        // given a1 clicked
        robot.clickOn(canvas.nodeView("a1").detailLabel());
        assertEquals(Set.of("a1"), Set.copyOf(selection.nodes()));
        // when
        robot.type(KeyCode.DELETE);
        // then a1 and its edges are gone, and so is its card
        assertTrue(experiment().network().node("a1").isEmpty());
        assertFalse(experiment().network().edges().contains(new Edge("h1", "a1")));
        assertEquals(null, canvas.nodeView("a1"));
        // when undone
        robot.interact(project::undo);
        // then
        assertTrue(experiment().network().node("a1").isPresent());
        assertTrue(experiment().network().edges().contains(new Edge("h1", "a1")));
        assertNotNull(canvas.nodeView("a1"));
    }

    @Test
    void aSelectedEdgeIsDeletedAloneByTheDeleteKey(FxRobot robot) {
        // given the edge h2 → a2 clicked
        robot.clickOn(onFx(() -> canvas.screenOf(canvas.edgeView(new Edge("h2", "a2")).midpoint())));
        // when
        robot.type(KeyCode.DELETE);
        // then
        assertFalse(experiment().network().edges().contains(new Edge("h2", "a2")));
        assertEquals(7, experiment().network().nodes().size());
        assertEquals(null, canvas.edgeView(new Edge("h2", "a2")));
    }

    @Test
    void cardsAreUpdatedInPlaceNotRebuilt(FxRobot robot) {
        // given
        NodeView h1 = canvas.nodeView("h1");
        EdgeView edge = canvas.edgeView(new Edge("h1", "a1"));
        // when h1 changes, and the change is undone
        robot.interact(() -> project.edit("Set units", e -> Edits.replaceNode(e, ((NodeSpec.Dense) node("h1")).withUnits(64))));
        String changed = canvas.nodeView("h1").detailLabel().getText();
        robot.interact(project::undo);
        // then the same card and edge show each state
        assertTrue(changed.startsWith("64"), changed);
        assertSame(h1, canvas.nodeView("h1"));
        assertSame(edge, canvas.edgeView(new Edge("h1", "a1")));
        assertTrue(canvas.nodeView("h1").detailLabel().getText().startsWith("16"));
    }

    // ---- selecting ----

    @Test
    void draggingOnEmptySpaceSelectsTheNodesInTheRectangle(FxRobot robot) {
        // given the corners of a rectangle around h1 (220, 200) and a1 (380, 200) only
        Point2D from = onFx(() -> canvas.screenOf(new Point2D(200, 140)));
        Point2D to = onFx(() -> canvas.screenOf(new Point2D(520, 300)));
        // when
        robot.drag(from, MouseButton.PRIMARY).dropTo(to);
        // then
        assertEquals(Set.of("h1", "a1"), Set.copyOf(selection.nodes()));
    }

    @Test
    void clickShiftClickAndClickOnEmptySpaceSelect(FxRobot robot) {
        // when
        robot.clickOn(canvas.nodeView("h1").detailLabel());
        robot.press(KeyCode.SHIFT).clickOn(canvas.nodeView("a1").detailLabel()).release(KeyCode.SHIFT);
        // then
        assertEquals(Set.of("h1", "a1"), Set.copyOf(selection.nodes()));
        // when shift-clicked again, h1 leaves the selection
        robot.press(KeyCode.SHIFT).clickOn(canvas.nodeView("h1").detailLabel()).release(KeyCode.SHIFT);
        assertEquals(Set.of("a1"), Set.copyOf(selection.nodes()));
        // when an edge is clicked
        robot.clickOn(onFx(() -> canvas.screenOf(canvas.edgeView(new Edge("h2", "a2")).midpoint())));
        assertEquals(Set.of(new Edge("h2", "a2")), Set.copyOf(selection.edges()));
        assertTrue(selection.nodes().isEmpty());
        // when empty space is clicked
        robot.clickOn(onFx(() -> canvas.screenOf(new Point2D(500, 420))));
        assertTrue(selection.nodes().isEmpty() && selection.edges().isEmpty());
    }

    @Test
    void theSelectionKeepsOnlyNodesThatStillExist(FxRobot robot) {
        // given
        robot.interact(() -> selection.selectGraph(List.of("h1", "a1"), List.of()));
        // when a1 is deleted elsewhere (the inspector, say)
        robot.interact(() -> project.edit("Delete a1", e -> Edits.delete(e, List.of("a1"), List.of())));
        // then
        assertEquals(Set.of("h1"), Set.copyOf(selection.nodes()));
        assertTrue(canvas.nodeView("h1").getPseudoClassStates().contains(CanvasStyles.SELECTED));
    }

    @Test
    void copyAndPasteAddOffsetCopiesWithTheEdgeBetweenThemAndSelectThem(FxRobot robot) {
        // given h1 and a1 selected
        robot.interact(() -> selection.selectGraph(List.of("h1", "a1"), List.of()));
        // when
        robot.interact(() -> {
            canvas.copy();
            canvas.paste();
        });
        // then two new nodes, connected like the originals, offset, selected
        NetworkSpec n = experiment().network();
        assertEquals(9, n.nodes().size());
        List<String> added = new ArrayList<>(selection.nodes());
        assertEquals(2, added.size());
        NodeSpec copyOfH1 = added.stream().map(this::node).filter(x -> x instanceof NodeSpec.Dense).findFirst().orElseThrow();
        NodeSpec copyOfA1 = added.stream().map(this::node).filter(x -> x instanceof NodeSpec.Activation).findFirst()
                .orElseThrow();
        assertTrue(n.edges().contains(new Edge(copyOfH1.id(), copyOfA1.id())));
        assertEquals(new Position(220 + 32, 200 + 32), copyOfH1.position());
        // when undone
        robot.interact(project::undo);
        assertEquals(7, experiment().network().nodes().size());
    }

    @Test
    void ctrlASelectsEverything(FxRobot robot) {
        // given the canvas focused by a click on empty space
        robot.clickOn(onFx(() -> canvas.screenOf(new Point2D(500, 420))));
        // when
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        // then
        assertEquals(7, selection.nodes().size());
        assertEquals(6, selection.edges().size());
    }

    @Test
    void cutThenPastePutsTheNodeBackWhereItWasUnderItsName(FxRobot robot) {
        // given
        robot.interact(() -> selection.selectGraph(List.of("a2"), List.of()));
        // when
        robot.interact(canvas::cut);
        // then
        assertTrue(experiment().network().node("a2").isEmpty());
        // when
        robot.interact(canvas::paste);
        // then it is back in the same place, under the same name, with its edges, selected
        assertEquals(Set.of("a2"), Set.copyOf(selection.nodes()));
        assertEquals(new Position(700, 200), node("a2").position());
        assertFalse(experiment().network().edges().contains(new Edge("h2", "a2")),
                "edges to nodes outside the cut are not restored by a paste");
    }

    // ---- problems ----

    @Test
    void anInvalidNodeIsMarkedWithTheEnginesMessage(FxRobot robot) {
        // when a1 loses its input
        robot.interact(() -> project.edit("Disconnect", e -> Edits.delete(e, List.of(), List.of(new Edge("h1", "a1")))));
        // then its card is marked, with the validator's words on hover
        List<Problem> problems = data.validationProperty().get().problemsOf("a1");
        assertFalse(problems.isEmpty());
        NodeView a1 = canvas.nodeView("a1");
        assertTrue(a1.getPseudoClassStates().contains(CanvasStyles.INVALID));
        assertTrue(a1.warningMark().isVisible());
        assertTrue(a1.tooltip().getText().contains(problems.get(0).message()), a1.tooltip().getText());
        assertFalse(canvas.nodeView("h2").getPseudoClassStates().contains(CanvasStyles.INVALID));
        // and the problems list shows every problem
        assertTrue(canvas.problemsList().isVisible());
        assertEquals(data.problems().stream().map(Problem::message).toList(),
                canvas.problemsList().itemLabels().stream().map(Label::getText).toList());
    }

    @Test
    void everyNodeOfACycleIsMarked(FxRobot robot) {
        // when a2 feeds back into h2 (a problem naming several nodes)
        robot.interact(() -> project.edit("Cycle", e -> Edits.connect(e, "a2", "h2")));
        // then
        for (String id : List.of("h2", "a2")) {
            assertTrue(canvas.nodeView(id).getPseudoClassStates().contains(CanvasStyles.INVALID), id);
        }
    }

    @Test
    void clickingAProblemSelectsTheNodeItNames(FxRobot robot) {
        // given a1 without input, and the problems list showing
        robot.interact(() -> project.edit("Disconnect", e -> Edits.delete(e, List.of(), List.of(new Edge("h1", "a1")))));
        Label item = canvas.problemsList().itemLabels().stream().filter(l -> l.getText().contains("'a1'")).findFirst()
                .orElseThrow();
        // when
        robot.clickOn(item);
        // then
        assertEquals(Set.of("a1"), Set.copyOf(selection.nodes()));
    }

    @Test
    void theProblemsListIsHiddenWithoutProblemsAndCollapses(FxRobot robot) {
        // given the valid example
        assertFalse(canvas.problemsList().isVisible());
        // when a problem appears and the header is clicked
        robot.interact(() -> project.edit("Disconnect", e -> Edits.delete(e, List.of(), List.of(new Edge("h1", "a1")))));
        assertTrue(canvas.problemsList().isVisible());
        robot.clickOn(robot.from(canvas.problemsList()).lookup("." + CanvasStyles.PROBLEMS_HEADER).queryAs(Node.class));
        // then
        assertTrue(canvas.problemsList().isCollapsed());
    }

    // ---- view ----

    @Test
    void zoomingChangesTheScale(FxRobot robot) {
        // given
        double before = canvas.zoomProperty().get();
        double cardWidth = screenWidthOf("h1");
        // when
        robot.interact(canvas::zoomIn);
        // then
        assertEquals(before * 1.2, canvas.zoomProperty().get(), 1e-9);
        assertEquals(cardWidth * 1.2, screenWidthOf("h1"), 0.5);
        // when zoomed back out
        robot.interact(canvas::zoomOut);
        assertEquals(before, canvas.zoomProperty().get(), 1e-9);
    }

    @Test
    void controlWheelZoomsAroundThePointer(FxRobot robot) {
        // given the pointer on h2
        Point2D pointer = onFx(() -> canvas.screenOf(new Point2D(600, 229)));
        double before = canvas.zoomProperty().get();
        robot.moveTo(pointer);
        // when the wheel turns with Ctrl held (Monocle's robot sends tiny deltas, in either direction)
        robot.press(KeyCode.CONTROL).scroll(3, VerticalDirection.UP).release(KeyCode.CONTROL);
        // then the zoom changed and the canvas point under the pointer stayed under it
        assertNotEquals(before, canvas.zoomProperty().get(), 1e-6);
        Point2D after = onFx(() -> canvas.screenOf(new Point2D(600, 229)));
        assertEquals(pointer.getX(), after.getX(), 1);
        assertEquals(pointer.getY(), after.getY(), 1);
    }

    @Test
    void oneWheelNotchForwardWithCtrlZoomsInOneStepAndWithoutCtrlScrolls(FxRobot robot) {
        // given
        double before = canvas.zoomProperty().get();
        Point2D h1Before = onFx(() -> canvas.screenOf(new Point2D(220, 200)));
        // when a desktop wheel notch (40 pixels) arrives with Ctrl held
        robot.interact(() -> Event.fireEvent(canvas.viewport(), scroll(40, true)));
        // then
        assertEquals(before * 1.2, canvas.zoomProperty().get(), 1e-9);
        // when a notch arrives without Ctrl
        double zoomed = canvas.zoomProperty().get();
        Point2D h1Zoomed = onFx(() -> canvas.screenOf(new Point2D(220, 200)));
        robot.interact(() -> Event.fireEvent(canvas.viewport(), scroll(40, false)));
        // then the view scrolls by it and keeps its zoom
        assertEquals(zoomed, canvas.zoomProperty().get(), 1e-9);
        assertEquals(h1Zoomed.getY() + 40, onFx(() -> canvas.screenOf(new Point2D(220, 200))).getY(), 1e-6);
        assertNotEquals(h1Before, h1Zoomed);
    }

    @Test
    void draggingWithTheMiddleButtonPans(FxRobot robot) {
        // given
        Point2D start = onFx(() -> canvas.screenOf(new Point2D(500, 420)));
        Point2D h1Before = onFx(() -> canvas.screenOf(new Point2D(220, 200)));
        Experiment before = experiment();
        // when
        robot.drag(start, MouseButton.MIDDLE).dropBy(-60, 40);
        // then the view moved, the experiment did not
        Point2D h1After = onFx(() -> canvas.screenOf(new Point2D(220, 200)));
        assertEquals(h1Before.getX() - 60, h1After.getX(), 1);
        assertEquals(h1Before.getY() + 40, h1After.getY(), 1);
        assertEquals(before, experiment());
    }

    @Test
    void draggingWithSpaceHeldPans(FxRobot robot) {
        // given
        Point2D start = onFx(() -> canvas.screenOf(new Point2D(500, 420)));
        robot.clickOn(start);
        Point2D h1Before = onFx(() -> canvas.screenOf(new Point2D(220, 200)));
        // when
        robot.press(KeyCode.SPACE);
        robot.drag(start, MouseButton.PRIMARY).dropBy(50, -30);
        robot.release(KeyCode.SPACE);
        // then the view moved and nothing was selected
        Point2D h1After = onFx(() -> canvas.screenOf(new Point2D(220, 200)));
        assertEquals(h1Before.getX() + 50, h1After.getX(), 1);
        assertEquals(h1Before.getY() - 30, h1After.getY(), 1);
        assertTrue(selection.nodes().isEmpty());
    }

    @Test
    void autoLayoutPutsEachDepthInItsOwnColumnInOneEdit(FxRobot robot) {
        // given the nodes piled up in one column
        robot.interact(() -> project.edit("Pile up", e -> {
            Map<String, Position> pile = new LinkedHashMap<>();
            for (int i = 0; i < e.network().nodes().size(); i++) {
                pile.put(e.network().nodes().get(i).id(), new Position(100, 100 + 70 * i));
            }
            return Edits.move(e, pile);
        }));
        // when
        robot.interact(canvas::autoLayout);
        // then x grows with depth along the chain, one column each, on one line
        List<String> chain = List.of("in", "h1", "a1", "h2", "a2", "out", "loss");
        for (int i = 1; i < chain.size(); i++) {
            assertTrue(node(chain.get(i)).position().x() > node(chain.get(i - 1)).position().x(), chain.get(i));
            assertEquals(node("in").position().y(), node(chain.get(i)).position().y(), 1e-9);
        }
        assertEquals("Undo Auto-layout", project.undoTextProperty().get());
        assertEquals(node("h1").position().x(), canvas.nodeView("h1").getLayoutX(), 1e-9);
    }

    @Test
    void edgesAreLabelledWithTheInferredShape(FxRobot robot) {
        // then
        assertEquals("N × 16", canvas.edgeView(new Edge("h1", "a1")).shapeText());
        assertEquals("N × 2", canvas.edgeView(new Edge("out", "loss")).shapeText());
        String detail = canvas.nodeView("h1").detailLabel().getText();
        assertTrue(List.of("16 units · he_normal", "16 · he_normal").contains(detail), detail);
    }

    @Test
    void nodesWithoutAPositionAreLaidOutAndKeepThatPlace(FxRobot robot) {
        // given an experiment whose nodes have no positions
        AtomicBoolean replaced = new AtomicBoolean();
        robot.interact(() -> {
            Experiment e = Examples.load(Examples.FIRST);
            List<NodeSpec> bare = e.network().nodes().stream().map(n -> n.withPosition(null)).toList();
            project.replace(e.withNetwork(new NetworkSpec(bare, e.network().edges())).withName("bare"), null);
            replaced.set(true);
        });
        assertTrue(replaced.get());
        // then every card is placed, in depth order, without an edit
        double x = -Double.MAX_VALUE;
        for (String id : List.of("in", "h1", "a1", "h2", "a2", "out", "loss")) {
            assertTrue(canvas.nodeView(id).getLayoutX() > x, id);
            x = canvas.nodeView(id).getLayoutX();
        }
        assertFalse(project.canUndoProperty().get());
        // when one node is moved, then the places shown are written into the experiment
        robot.drag(canvas.nodeView("h2").detailLabel(), MouseButton.PRIMARY).dropBy(0, 80);
        for (NodeSpec node : experiment().network().nodes()) {
            assertNotNull(node.position(), node.id());
        }
        assertEquals(canvas.nodeView("h1").getLayoutX(), node("h1").position().x(), 1e-9);
    }

    // ---- helpers ----

    private Experiment experiment() {
        return project.experiment();
    }

    private NodeSpec node(String id) {
        return experiment().network().node(id).orElseThrow(() -> new AssertionError("no node " + id));
    }

    private Point2D centreOf(String id) {
        return onFx(() -> centreOfNow(id));
    }

    /** Centre of a card in scene coordinates; FX thread. */
    private Point2D centreOfNow(String id) {
        Bounds b = canvas.nodeView(id).rect();
        return canvas.sceneOf(new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2));
    }

    private double screenWidthOf(String id) {
        return onFx(() -> {
            NodeView view = canvas.nodeView(id);
            return view.localToScreen(view.getLayoutBounds()).getWidth();
        });
    }

    private DragEvent fireDrag(javafx.event.EventType<DragEvent> type, Dragboard board, Object source, Point2D scene) {
        Point2D screen = canvas.getScene().getRoot().localToScreen(scene);
        DragEvent event = new DragEvent(type, board, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                TransferMode.COPY, source, canvas.viewport(), null);
        Node target = canvas.viewport();
        // what a drag delivers: the event goes through the viewport's handlers; read back the copy it got
        DragEvent[] seen = new DragEvent[1];
        javafx.event.EventHandler<DragEvent> spy = e -> seen[0] = e;
        target.addEventFilter(type, spy);
        Event.fireEvent(target, event);
        target.removeEventFilter(type, spy);
        return seen[0];
    }

    private ScrollEvent scroll(double deltaY, boolean control) {
        Point2D centre = canvas.viewport().localToScene(300, 200);
        return new ScrollEvent(ScrollEvent.SCROLL, centre.getX(), centre.getY(), 0, 0, false, control, false, false,
                false, false, 0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
