package dev.descent.ui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.descent.engine.graph.Edge;
import dev.descent.experiment.ExperimentReader;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import java.nio.file.Path;
import java.util.Set;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The canvas shows the network the selected run trains: its overrides on the cards, marked, and which run it is. */
@ExtendWith(ApplicationExtension.class)
class CanvasRunOverridesTest {
    private ProjectModel project;
    private SelectionModel selection;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        project = new ProjectModel(ExperimentReader.read(Path.of("sample-data/activations.json")));
        selection = new SelectionModel();
        DataModel data = new DataModel(project, Runnable::run, Runnable::run);
        canvas = new GraphCanvas(project, selection, data, new Theme(null));
        stage.setScene(new Scene(canvas, 1100, 560));
        stage.show();
    }

    @Test
    void withTheSigmoidRunSelectedTheActivationsSaySigmoidAndAreMarked(FxRobot robot) {
        // given the shared network: relu, nothing marked, no banner
        assertEquals("relu", canvas.nodeView("a1").detailLabel().getText());
        assertFalse(canvas.runBanner().isVisible());
        // when the Sigmoid run is selected
        robot.interact(() -> selection.selectRun(0));
        // then every hidden activation shows sigmoid, marked as the run's override, with the reason on hover
        for (String id : new String[] {"a1", "a2", "a3", "a4"}) {
            NodeView card = canvas.nodeView(id);
            assertEquals("sigmoid", card.detailLabel().getText(), id);
            assertTrue(card.getPseudoClassStates().contains(CanvasStyles.OVERRIDDEN), id);
            assertTrue(card.overrideTag().isVisible(), id);
            assertTrue(card.tooltip().getText().startsWith("Overridden in run 'Sigmoid': sigmoid (the shared network has relu)."),
                    card.tooltip().getText());
        }
        assertFalse(canvas.nodeView("h1").getPseudoClassStates().contains(CanvasStyles.OVERRIDDEN));
        // and the banner names the run
        assertTrue(canvas.runBanner().isVisible());
        assertTrue(canvas.runBanner().getText().startsWith("Run 'Sigmoid' trains this network"),
                canvas.runBanner().getText());
        // when a node is clicked (the selection moves to the canvas), the shared network is back
        robot.interact(() -> selection.selectGraph(Set.of("a1"), Set.of()));
        assertEquals("relu", canvas.nodeView("a1").detailLabel().getText());
        assertFalse(canvas.nodeView("a1").getPseudoClassStates().contains(CanvasStyles.OVERRIDDEN));
        assertFalse(canvas.runBanner().isVisible());
    }

    @Test
    void withTheRunWithoutNormalizationSelectedItsBatchNormNodesShowAsRemoved(FxRobot robot) throws Exception {
        var layers = ExperimentReader.read(Path.of("sample-data/batch-layer-norm.json"));
        robot.interact(() -> project.replace(layers, null));
        // when "No normalization" is selected
        robot.interact(() -> selection.selectRun(0));
        // then its eight batch-norm nodes are marked removed, their edges faded, and the rest is unmarked
        for (int i = 1; i <= 8; i++) {
            NodeView card = canvas.nodeView("n" + i);
            assertTrue(card.getPseudoClassStates().contains(CanvasStyles.REMOVED), "n" + i);
            assertEquals("removed in this run", card.overrideTag().getText());
        }
        assertTrue(canvas.edgeView(new Edge("h1", "n1")).getPseudoClassStates().contains(CanvasStyles.REMOVED));
        assertFalse(canvas.edgeView(new Edge("in", "h1")).getPseudoClassStates().contains(CanvasStyles.REMOVED));
        assertFalse(canvas.nodeView("h1").getPseudoClassStates().contains(CanvasStyles.REMOVED));
        // when the layer-norm run is selected, then the same nodes are layer-norm cards, overridden
        robot.interact(() -> selection.selectRun(2));
        NodeView n1 = canvas.nodeView("n1");
        assertEquals(dev.descent.engine.graph.NodeType.LAYER_NORM, n1.spec().type());
        assertTrue(n1.getPseudoClassStates().contains(CanvasStyles.OVERRIDDEN));
        assertFalse(n1.getPseudoClassStates().contains(CanvasStyles.REMOVED));
        // and the batch-norm run shows the network as it is
        robot.interact(() -> selection.selectRun(1));
        assertEquals(dev.descent.engine.graph.NodeType.BATCH_NORM, canvas.nodeView("n1").spec().type());
        assertFalse(canvas.nodeView("n1").getPseudoClassStates().contains(CanvasStyles.OVERRIDDEN));
        assertEquals("Run 'Batch norm' trains the shared network as it is.", canvas.runBanner().getText());
    }
}
