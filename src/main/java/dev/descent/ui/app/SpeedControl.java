package dev.descent.ui.app;

import dev.descent.engine.train.StepRate;
import dev.descent.ui.model.StepRates;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The training toolbar's slow-motion control: "Speed" and a choice of 1, 5, 20, 100 steps/s or full
 * speed for the whole comparison, bound to {@link dev.descent.ui.model.TrainingSession#stepRateProperty()}.
 * Alt+S focuses it (then the arrow keys choose); Ctrl+[ and Ctrl+] go slower and faster from anywhere
 * ({@link #SLOWER_KEY}, {@link #FASTER_KEY}).
 */
final class SpeedControl {
    static final String ID = "step-rate";
    static final KeyCombination SLOWER_KEY = new KeyCodeCombination(
            KeyCode.OPEN_BRACKET, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination FASTER_KEY = new KeyCodeCombination(
            KeyCode.CLOSE_BRACKET, KeyCombination.SHORTCUT_DOWN);

    private SpeedControl() {
    }

    /** Ctrl+[ sets {@code rate} to the next slower choice, Ctrl+] to the next faster one. */
    static Map<KeyCombination, Runnable> keys(ObjectProperty<StepRate> rate) {
        return Map.of(SLOWER_KEY, () -> rate.set(StepRates.slower(rate.get())),
                FASTER_KEY, () -> rate.set(StepRates.faster(rate.get())));
    }

    /** The label and the choice, bound both ways to {@code rate}. */
    static HBox create(ObjectProperty<StepRate> rate) {
        ComboBox<StepRate> choice = new ComboBox<>();
        choice.setId(ID);
        choice.getItems().setAll(StepRates.CHOICES);
        StringConverter<StepRate> labels = new StringConverter<>() {
            @Override
            public String toString(StepRate r) {
                return r == null ? "" : r.label();
            }

            @Override
            public StepRate fromString(String text) {
                return StepRates.CHOICES.stream().filter(r -> r.label().equals(text)).findFirst().orElse(null);
            }
        };
        choice.setConverter(labels);
        choice.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(StepRate item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : item.label());
            }
        });
        choice.valueProperty().bindBidirectional(rate);
        choice.setTooltip(new Tooltip("Slow motion: how many steps a second the whole comparison takes, every run "
                + "together; applies at once (Alt+S, then the arrow keys; Ctrl+[ slower, Ctrl+] faster)"));
        Label label = new Label("_Speed");
        label.setMnemonicParsing(true);
        label.setLabelFor(choice);
        HBox box = new HBox(6, label, choice);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
