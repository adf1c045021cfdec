package dev.descent.ui.canvas;

import dev.descent.engine.graph.Problem;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The compact list of problems in the canvas's corner: a header ("3 problems") that collapses and
 * expands it, and one line per problem; a line that names a node selects it when clicked. Hidden when
 * there are no problems.
 */
final class ProblemsList extends VBox {
    private final Label count = new Label();
    private final FontIcon chevron = new FontIcon("mdi2c-chevron-down");
    private final VBox items = new VBox(2);
    private final ScrollPane scroll = new ScrollPane(items);
    private final Predicate<Problem> linked;
    private final Consumer<Problem> pick;
    private boolean collapsed;

    /**
     * @param linked whether a problem is about a node that can be selected
     * @param pick   called with a problem when it is clicked
     */
    ProblemsList(Predicate<Problem> linked, Consumer<Problem> pick) {
        this.linked = linked;
        this.pick = pick;
        getStyleClass().add(CanvasStyles.PROBLEMS);
        FontIcon alert = new FontIcon("mdi2a-alert-circle");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, alert, count, spacer, chevron);
        header.getStyleClass().add(CanvasStyles.PROBLEMS_HEADER);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        header.setCursor(Cursor.HAND);
        header.setOnMouseClicked(e -> setCollapsed(!collapsed));
        Tooltip.install(header, new Tooltip("Show or hide the problems"));
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMaxHeight(116);
        scroll.getStyleClass().add("edge-to-edge");
        getChildren().addAll(header, scroll);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setMaxWidth(460);
        show(List.of());
    }

    /** Shows these problems; hides the list when there are none. */
    void show(List<Problem> problems) {
        count.setText(problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        items.getChildren().clear();
        for (Problem problem : problems) {
            Label item = new Label(problem.message());
            item.getStyleClass().add(CanvasStyles.PROBLEM);
            item.setWrapText(true);
            item.setMaxWidth(Double.MAX_VALUE);
            if (linked.test(problem)) {
                item.getStyleClass().add(CanvasStyles.PROBLEM_LINKED);
                item.setCursor(Cursor.HAND);
                item.setOnMouseClicked(e -> pick.accept(problem));
            }
            items.getChildren().add(item);
        }
        boolean any = !problems.isEmpty();
        setVisible(any);
        setManaged(any);
    }

    void setCollapsed(boolean collapsed) {
        this.collapsed = collapsed;
        scroll.setVisible(!collapsed);
        scroll.setManaged(!collapsed);
        chevron.setIconLiteral(collapsed ? "mdi2c-chevron-up" : "mdi2c-chevron-down");
        pseudoClassStateChanged(CanvasStyles.COLLAPSED, collapsed);
    }

    boolean isCollapsed() {
        return collapsed;
    }

    /** The problem lines, for tests. */
    List<Label> itemLabels() {
        return items.getChildren().stream().map(Label.class::cast).toList();
    }
}
