package dev.descent.ui.inspector;

import dev.descent.engine.vocab.Choice;
import dev.descent.engine.vocab.Param;
import dev.descent.engine.vocab.Term;
import dev.descent.ui.model.InvalidInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A two-column grid of labelled editors for one thing (the data settings, a node, a run). Every editor
 * reads its value from a supplier, so {@link #refresh()} brings the whole form up to date after any
 * change of the experiment, while keeping what the user is halfway through typing in a field whose
 * value did not change underneath. Text editors commit on Enter or when they lose focus, as one edit;
 * invalid input is shown with its message under the field and not applied. Escape restores the value.
 */
final class Form {
    static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final GridPane grid = new GridPane();
    private final List<Runnable> refreshers = new ArrayList<>();
    private final List<ValueField<?>> fields = new ArrayList<>();
    private final Map<String, Node> editors = new LinkedHashMap<>();
    private final InvalidInputs invalid;
    private final String subject;
    private int row;
    private boolean closed;

    /**
     * @param invalid where a refused value is reported, so that training waits until it is corrected
     * @param subject what the form edits, in the words of that report ("run 'Adam'", "node 'h1'")
     */
    Form(InvalidInputs invalid, String subject) {
        this.invalid = invalid;
        this.subject = subject;
        grid.getStyleClass().add("inspector-form");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        labels.setPrefWidth(Region.USE_COMPUTED_SIZE);
        labels.setMaxWidth(160);
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        values.setMinWidth(90);
        grid.getColumnConstraints().addAll(labels, values);
    }

    Node node() {
        return grid;
    }

    // ---- layout ----

    /** A section heading across both columns. */
    void heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("inspector-heading");
        label.setMaxWidth(Double.MAX_VALUE);
        grid.add(label, 0, row++, 2, 1);
    }

    /** A muted sentence across both columns. */
    Label note(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("inspector-note");
        label.setMinHeight(Label.USE_PREF_SIZE);
        grid.add(label, 0, row++, 2, 1);
        return label;
    }

    /**
     * A notice across both columns, in the accent colour, saying how the fields below behave now (for
     * instance that edits apply after Reset while the runs train); hidden while {@code text} gives null.
     */
    void notice(String key, Supplier<String> text) {
        Label label = new Label();
        label.setId("notice-" + key);
        label.setWrapText(true);
        label.getStyleClass().add("inspector-notice");
        label.setMinHeight(Label.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        grid.add(label, 0, row++, 2, 1);
        Runnable refresh = () -> {
            String now = text.get();
            label.setText(now == null ? "" : now);
            label.setVisible(now != null);
            label.setManaged(now != null);
        };
        refresh.run();
        refreshers.add(refresh);
    }

    /** A read-only value, kept up to date. */
    Label info(String key, String name, Supplier<String> value) {
        Label shown = new Label();
        shown.setId("info-" + key);
        shown.setWrapText(true);
        shown.getStyleClass().add("inspector-info");
        shown.setMinHeight(Label.USE_PREF_SIZE);
        labelled(name, null, shown);
        Runnable refresh = () -> shown.setText(value.get());
        refresh.run();
        refreshers.add(refresh);
        return shown;
    }

    /** A list of problems in the danger colour, across both columns, hidden when there are none. */
    void problems(String key, Supplier<List<String>> problems) {
        VBox box = new VBox();
        box.setId("problems-" + key);
        box.getStyleClass().add("inspector-problems");
        grid.add(box, 0, row++, 2, 1);
        Runnable refresh = () -> {
            List<String> now = problems.get();
            List<String> shown = box.getChildren().stream().map(n -> ((Label) n).getText()).toList();
            if (!now.equals(shown)) {
                box.getChildren().setAll(now.stream().map(p -> {
                    Label label = new Label(p);
                    label.setWrapText(true);
                    label.setMinHeight(Label.USE_PREF_SIZE);
                    label.getStyleClass().add("inspector-problem");
                    return label;
                }).toList());
            }
            box.setVisible(!now.isEmpty());
            box.setManaged(!now.isEmpty());
        };
        refresh.run();
        refreshers.add(refresh);
    }

    private Label labelled(String name, String tooltip, Node editor) {
        Label label = new Label(name);
        label.getStyleClass().add("inspector-label");
        label.setLabelFor(editor);
        label.setMinWidth(Label.USE_PREF_SIZE);
        if (tooltip != null) {
            label.setTooltip(tooltip(tooltip));
        }
        GridPane.setValignment(label, VPos.CENTER);
        grid.add(label, 0, row);
        grid.add(editor, 1, row++);
        return label;
    }

    private Label messageRow(String key) {
        Label message = new Label();
        message.setId("message-" + key);
        message.getStyleClass().add("inspector-message");
        message.setWrapText(true);
        message.setMinHeight(Label.USE_PREF_SIZE);
        message.setVisible(false);
        message.setManaged(false);
        grid.add(message, 1, row++);
        return message;
    }

    static Tooltip tooltip(String text) {
        Tooltip tooltip = new Tooltip(text);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(380);
        tooltip.setShowDelay(Duration.millis(400));
        tooltip.setShowDuration(Duration.seconds(30));
        return tooltip;
    }

    // ---- editors ----

    /**
     * A number checked against {@code param} (whole numbers for integer parameters).
     *
     * @param isDefault whether the value is a default rather than set explicitly (shown muted)
     */
    void number(String key, String name, Param param, DoubleSupplier current, BooleanSupplier isDefault,
                DoubleConsumer apply) {
        String tip = param.summary() + "\nValid: " + param.rangeText() + " · default " + Numbers.format(param.defaultValue());
        field(key, name, tip, current::getAsDouble, isDefault, Numbers::format, text -> {
            Double v = Numbers.parse(text);
            if (v == null) {
                return Parsed.problem(param.key() + " must be " + (param.type() == Param.Type.INTEGER
                        ? "a whole number" : "a number") + ", got '" + text.strip() + "'");
            }
            String problem = param.problemWith(v);
            return problem == null ? Parsed.of(v) : Parsed.problem(problem);
        }, apply::accept, null);
    }

    /** A whole number of any size (the seed). */
    void longNumber(String key, String name, String tooltip, Supplier<Long> current, Consumer<Long> apply) {
        field(key, name, tooltip, current, () -> false, String::valueOf, text -> {
            try {
                return Parsed.of(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                return Parsed.problem(key + " must be a whole number, got '" + text.strip() + "'");
            }
        }, apply, null);
    }

    /** A line of text; {@code problem} returns what is wrong with a value, or null. */
    void text(String key, String name, String tooltip, Supplier<String> current, Function<String, String> problem,
              Consumer<String> apply, Node extra) {
        field(key, name, tooltip, current, () -> false, s -> s == null ? "" : s, text -> {
            String p = problem.apply(text);
            return p == null ? Parsed.of(text) : Parsed.problem(p);
        }, apply, extra);
    }

    private <T> void field(String key, String name, String tooltip, Supplier<T> current, BooleanSupplier isDefault,
                           Function<T, String> format, Function<String, Parsed<T>> parse, Consumer<T> apply, Node extra) {
        ValueField<T> field = new ValueField<>(key, current, isDefault, format, parse, apply);
        if (tooltip != null) {
            field.text.setTooltip(tooltip(tooltip));
        }
        Node editor = field.text;
        if (extra != null) {
            HBox box = new HBox(6, field.text, extra);
            HBox.setHgrow(field.text, Priority.ALWAYS);
            editor = box;
        }
        labelled(name, tooltip, editor);
        field.message = messageRow(key);
        fields.add(field);
        editors.put(key, field.text);
        refreshers.add(field::refresh);
    }

    /** A yes/no switch. */
    void flag(String key, String name, String tooltip, BooleanSupplier current, BooleanSupplier isDefault,
              Consumer<Boolean> apply) {
        CheckBox box = new CheckBox();
        box.setId("field-" + key);
        if (tooltip != null) {
            box.setTooltip(tooltip(tooltip));
        }
        boolean[] updating = {false};
        box.selectedProperty().addListener((o, was, now) -> {
            if (!updating[0] && !closed && now != current.getAsBoolean()) {
                apply.accept(now);
            }
        });
        Runnable refresh = () -> {
            updating[0] = true;
            box.setSelected(current.getAsBoolean());
            updating[0] = false;
            box.getStyleClass().remove("default-value");
            if (isDefault.getAsBoolean()) {
                box.getStyleClass().add("default-value");
            }
        };
        refresh.run();
        refreshers.add(refresh);
        labelled(name, tooltip, box);
        editors.put(key, box);
    }

    /** One item of a drop-down: a value (may be null, e.g. "inherit") and its text. */
    record Item<T>(T value, String text, String tooltip) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A drop-down; choosing an item applies it at once. */
    <T> ComboBox<Item<T>> combo(String key, String name, String tooltip, List<Item<T>> items, Supplier<T> current,
                                Consumer<T> apply) {
        ComboBox<Item<T>> combo = new ComboBox<>();
        combo.setId("field-" + key);
        combo.getItems().setAll(items);
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.setVisibleRowCount(14);
        combo.setCellFactory(list -> new ItemCell<>());
        combo.setButtonCell(new ItemCell<>());
        if (tooltip != null) {
            combo.setTooltip(tooltip(tooltip));
        }
        boolean[] updating = {false};
        combo.valueProperty().addListener((o, was, now) -> {
            if (!updating[0] && !closed && now != null && !Objects.equals(now.value(), current.get())) {
                apply.accept(now.value());
            }
        });
        Runnable refresh = () -> {
            T value = current.get();
            updating[0] = true;
            combo.setValue(items.stream().filter(i -> Objects.equals(i.value(), value)).findFirst().orElse(null));
            updating[0] = false;
            Item<T> shown = combo.getValue();
            if (tooltip == null && shown != null && shown.tooltip() != null) {
                combo.setTooltip(tooltip(shown.tooltip()));
            }
        };
        refresh.run();
        refreshers.add(refresh);
        labelled(name, tooltip, combo);
        editors.put(key, combo);
        return combo;
    }

    /**
     * A vocabulary choice: a drop-down of the entries (with an "inherit" item first when
     * {@code inheritText} is given, meaning null), the chosen entry's formula, and one editor per
     * parameter of the chosen entry, with defaults shown muted.
     */
    <T extends Term> void choice(String key, String name, List<T> terms, String inheritText,
                                 Supplier<Choice<T>> current, BiConsumer<String, Choice<T>> apply) {
        List<Item<T>> items = new ArrayList<>();
        if (inheritText != null) {
            items.add(new Item<>(null, inheritText, "Not overridden: the network's own setting applies."));
        }
        for (T t : terms) {
            items.add(new Item<>(t, t.explained().title(), t.explained().summary()));
        }
        combo(key, name, null, items, () -> current.get() == null ? null : current.get().term(),
                term -> apply.accept("Set " + name.toLowerCase(java.util.Locale.ROOT), term == null ? null : Choice.of(term)));
        Choice<T> chosen = current.get();
        if (chosen == null) {
            return;
        }
        Label formula = new Label(lines(chosen.term().explained().formula()));
        formula.setId("formula-" + key);
        formula.setWrapText(true);
        formula.setMinHeight(Label.USE_PREF_SIZE);
        formula.setMinWidth(0);
        formula.setMaxWidth(Double.MAX_VALUE);
        formula.getStyleClass().add("inspector-formula");
        formula.setTooltip(tooltip(chosen.term().explained().summary() + "\n" + chosen.term().explained().source()));
        grid.add(formula, 0, row++, 2, 1);
        for (Param p : chosen.term().params()) {
            String paramKey = key + "-" + p.key();
            Supplier<Choice<T>> now = current;
            if (p.type() == Param.Type.BOOLEAN) {
                flag(paramKey, label(p), p.summary(), () -> now.get() != null && now.get().flag(p.key()),
                        () -> now.get() != null && !now.get().values().containsKey(p.key()),
                        on -> apply.accept("Set " + p.key(), now.get().with(p.key(), on ? 1 : 0)));
            } else {
                number(paramKey, label(p), p, () -> now.get() == null ? p.defaultValue() : now.get().value(p.key()),
                        () -> now.get() != null && !now.get().values().containsKey(p.key()),
                        v -> apply.accept("Set " + p.key(), now.get().with(p.key(), v)));
            }
        }
    }

    /** A formula with one statement per line: the engine separates them with ";" (and once with ",   "). */
    static String lines(String formula) {
        return String.join("\n", formula.split(";\\s+|,\\s{3,}")).strip();
    }

    /** "learningRate η", "beta1 β₁", "stepSize": the key as in files, with the summary's symbol if it has one. */
    static String label(Param p) {
        String summary = p.summary();
        int colon = summary.indexOf(':');
        if (colon > 0 && colon <= 6) {
            String symbol = summary.substring(0, colon).strip();
            if (!symbol.equalsIgnoreCase(p.key()) && !symbol.contains(" ")) {
                return p.key() + "  " + symbol;
            }
        }
        return p.key();
    }

    // ---- lifecycle ----

    /** Brings every editor and read-only value up to date; half-typed text is kept where its value did not change. */
    void refresh() {
        if (!closed) {
            refreshers.forEach(Runnable::run);
        }
    }

    /** Commits every field with text typed but not yet committed (before the form is replaced). */
    void commitPending() {
        for (ValueField<?> f : List.copyOf(fields)) {
            if (!closed && f.isPending()) {
                f.commit();
            }
        }
    }

    /** The form is being replaced: its editors no longer apply anything, and their refused values go with them. */
    void close() {
        closed = true;
        fields.forEach(invalid::withdraw);
    }

    /**
     * Disables every editor whose key {@code reason} gives a reason for, with that reason as the tooltip
     * of the editor and of its label (a disabled control shows no tooltip of its own).
     */
    void lock(Function<String, String> reason) {
        for (Map.Entry<String, Node> e : editors.entrySet()) {
            String why = reason.apply(e.getKey());
            if (why == null) {
                continue;
            }
            Node editor = e.getValue();
            editor.setDisable(true);
            editor.getStyleClass().add(LOCKED);
            if (editor instanceof javafx.scene.control.Control control) {
                control.setTooltip(tooltip(why));
            }
            for (Node child : grid.getChildren()) {
                if (child instanceof Label label && (label.getLabelFor() == editor
                        || (editor.getParent() != null && label.getLabelFor() == editor.getParent()))) {
                    label.setTooltip(tooltip(why));
                    label.getStyleClass().add(LOCKED);
                }
            }
        }
    }

    /** The style class of a locked editor and its label. */
    static final String LOCKED = "locked";

    /** The key of the editor that has the keyboard focus, or null. */
    String focusedKey() {
        for (Map.Entry<String, Node> e : editors.entrySet()) {
            if (e.getValue().isFocused()) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Gives the focus to the editor called {@code key}, if there is one. */
    void focus(String key) {
        Node editor = editors.get(key);
        if (editor != null) {
            editor.requestFocus();
        }
    }

    private record Parsed<T>(T value, String problem) {
        static <T> Parsed<T> of(T value) {
            return new Parsed<>(value, null);
        }

        static <T> Parsed<T> problem(String problem) {
            return new Parsed<>(null, problem);
        }
    }

    /** A drop-down cell showing an item's text, with its explanation as tooltip. */
    private static final class ItemCell<T> extends ListCell<Item<T>> {
        @Override
        protected void updateItem(Item<T> item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.text());
            setTooltip(empty || item == null || item.tooltip() == null ? null : tooltip(item.tooltip()));
            getStyleClass().remove("inherit-item");
            if (!empty && item != null && item.value() == null) {
                getStyleClass().add("inherit-item");
            }
        }
    }

    /** A text field bound to one value of the experiment. */
    private final class ValueField<T> {
        final TextField text = new TextField();
        Label message;
        private final Supplier<T> current;
        private final BooleanSupplier isDefault;
        private final Function<T, String> format;
        private final Function<String, Parsed<T>> parse;
        private final Consumer<T> apply;
        private T shown;
        private String shownText = "";

        ValueField(String key, Supplier<T> current, BooleanSupplier isDefault, Function<T, String> format,
                   Function<String, Parsed<T>> parse, Consumer<T> apply) {
            this.current = current;
            this.isDefault = isDefault;
            this.format = format;
            this.parse = parse;
            this.apply = apply;
            text.setId("field-" + key);
            text.setMaxWidth(Double.MAX_VALUE);
            text.setPrefColumnCount(8);
            text.setOnAction(e -> commit());
            text.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commit();
                }
            });
            text.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE && isPending()) {
                    show(this.current.get());
                    e.consume();
                }
            });
            text.textProperty().addListener((o, was, now) -> styleDefault());
            show(current.get());
        }

        boolean isPending() {
            return !text.getText().equals(shownText);
        }

        void refresh() {
            T now = current.get();
            if (isPending() && Objects.equals(now, shown)) {
                return; // keep what is being typed: this value did not change underneath
            }
            show(now);
        }

        void show(T value) {
            shown = value;
            shownText = format.apply(value);
            text.setText(shownText);
            setProblem(null);
            styleDefault();
        }

        void commit() {
            if (closed) {
                return;
            }
            if (!isPending()) {
                setProblem(null);
                return;
            }
            Parsed<T> parsed = parse.apply(text.getText());
            if (parsed.problem() != null) {
                setProblem(parsed.problem());
                return;
            }
            apply.accept(parsed.value());
            if (!closed) {
                show(current.get());
            }
        }

        private void setProblem(String problem) {
            if (message != null) {
                message.setText(problem == null ? "" : problem);
                message.setVisible(problem != null);
                message.setManaged(problem != null);
            }
            text.pseudoClassStateChanged(DANGER, problem != null);
            if (problem == null) {
                invalid.withdraw(this);
            } else if (!closed) {
                invalid.report(this, subject + ": " + problem + "; Esc restores it");
            }
        }

        private void styleDefault() {
            boolean muted = !isPending() && isDefault.getAsBoolean();
            text.getStyleClass().remove("default-value");
            if (muted) {
                text.getStyleClass().add("default-value");
            }
        }
    }
}
