package dev.descent.ui.inspector;

import dev.descent.engine.graph.Edge;
import dev.descent.engine.graph.NetworkSpec;
import dev.descent.engine.graph.NodeSpec;
import dev.descent.engine.graph.NodeType;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Validation;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.EditTiming;
import dev.descent.ui.model.InvalidInputs;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.RunColors;
import dev.descent.ui.model.SelectionModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The inspector: the properties of what is selected, edited with validation, each change one undoable
 * edit. One node: its id and settings. One run: its optimizer, schedule and overrides. Nothing: the data
 * and training settings. Several nodes or an edge: a short summary.
 *
 * <p>It follows the selection and every change of the experiment (undo and redo included). The form is
 * rebuilt only when what it shows changes shape (another node, another optimizer...); otherwise its
 * values are refreshed in place, so a value being typed survives changes elsewhere.
 */
public final class InspectorView extends VBox {
    private final ProjectModel project;
    private final SelectionModel selection;
    private final DataModel data;
    private final InvalidInputs invalid;
    private final Context context;
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final StackPane badge = new StackPane();
    private final ScrollPane scroll = new ScrollPane();
    private final Map<String, DatasetSpec> rememberedDatasets = new HashMap<>();
    private Form form;
    private String key = "";
    private FieldLock lock;
    private boolean refreshing;
    private boolean again;

    /** An inspector whose refused values hold nothing back (tests of the inspector alone). */
    public InspectorView(ProjectModel project, SelectionModel selection, DataModel data) {
        this(project, selection, data, new InvalidInputs(), null);
    }

    /**
     * @param invalid where fields report values they refused, so that training waits for them
     * @param timing  when edits take effect, said above the fields while runs train; null for never
     */
    public InspectorView(ProjectModel project, SelectionModel selection, DataModel data, InvalidInputs invalid,
                         EditTiming timing) {
        this.project = project;
        this.selection = selection;
        this.data = data;
        this.invalid = invalid;
        this.context = new Context(project, selection, data, this::quietly,
                () -> getScene() == null ? null : getScene().getWindow(), timing);
        getStyleClass().add("inspector");
        getStylesheets().add(InspectorView.class.getResource("inspector.css").toExternalForm());
        setMinWidth(220);
        setPrefWidth(300);

        title.setId("inspector-title");
        title.getStyleClass().add("inspector-title");
        title.setWrapText(true);
        subtitle.setId("inspector-subtitle");
        subtitle.getStyleClass().add("inspector-subtitle");
        subtitle.setWrapText(true);
        subtitle.setMinHeight(Label.USE_PREF_SIZE);
        badge.getStyleClass().add("inspector-badge");
        badge.setMinSize(22, 22);
        badge.setMaxSize(22, 22);
        VBox text = new VBox(2, title, subtitle);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox header = new HBox(8, badge, text);
        header.setAlignment(Pos.TOP_LEFT);
        header.getStyleClass().add("inspector-header");

        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("inspector-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, scroll);

        project.experimentProperty().addListener((o, old, now) -> {
            followRename(old, now);
            refresh(false);
        });
        selection.nodes().addListener((SetChangeListener<String>) change -> refresh(true));
        selection.edges().addListener((SetChangeListener<Edge>) change -> refresh(true));
        selection.runProperty().addListener((o, was, now) -> refresh(true));
        data.validationProperty().addListener((o, was, now) -> refresh(false));
        data.loadingProperty().addListener((o, was, now) -> refresh(false));
        data.problems().addListener((ListChangeListener<Problem>) change -> refresh(false));
        if (timing != null) {
            // a change listener, not an invalidation one: those fire once until someone reads the value again
            timing.changes().addListener((o, was, now) -> refresh(false));
        }
        refresh(false);
    }

    /**
     * Brings the inspector up to date. A change of selection first commits what was typed but not yet
     * committed in the old form (as leaving a field would); changes while refreshing are folded in.
     */
    private void refresh(boolean selectionChanged) {
        if (refreshing) {
            again = true;
            return;
        }
        refreshing = true;
        try {
            boolean commitFirst = selectionChanged;
            do {
                again = false;
                update(commitFirst);
                commitFirst = false;
            } while (again);
        } finally {
            refreshing = false;
        }
    }

    /** Runs changes (an edit and a selection change) with one refresh at the end. */
    private void quietly(Runnable changes) {
        boolean was = refreshing;
        refreshing = true;
        try {
            changes.run();
        } finally {
            refreshing = was;
        }
        if (was) {
            again = true;
        } else {
            refresh(false);
        }
    }

    private void update(boolean commitFirst) {
        Experiment e = project.experiment();
        rememberedDatasets.put(DataSettings.source(e.dataset()), e.dataset());
        Target target = target(e);
        header(target, e);
        String newKey = target.key(e);
        if (form != null && newKey.equals(key) && !key.isEmpty()) {
            form.refresh();
            return;
        }
        if (form != null && commitFirst) {
            form.commitPending();
            if (again) {
                return; // the commit changed the experiment: start over with it
            }
        }
        String focused = form == null || commitFirst ? null : form.focusedKey();
        if (form != null) {
            form.close();
        }
        form = new Form(invalid, target.subject(e));
        key = newKey;
        build(target, form, e);
        if (lock != null && !target.kind().equals("summary")) {
            String subject = switch (target.kind()) {
                case "run" -> e.runs().get(target.run()).name();
                case "node" -> target.nodeId();
                default -> null;
            };
            form.lock(k -> lock.reason(target.kind(), subject, k));
        }
        scroll.setContent(form.node());
        if (focused != null) {
            form.focus(focused);
        }
    }

    /** What the inspector shows. */
    private record Target(String kind, String nodeId, int run, List<String> nodes, List<Edge> edges) {
        String key(Experiment e) {
            return switch (kind) {
                case "run" -> RunSettings.key(e, run);
                case "node" -> NodeSettings.key(e.network().node(nodeId).orElseThrow());
                case "summary" -> "summary:" + nodes + ":" + edges;
                default -> DataSettings.key(e);
            };
        }

        /** What the form edits, as a report of a refused value names it. */
        String subject(Experiment e) {
            return switch (kind) {
                case "run" -> "run '" + e.runs().get(run).name() + "'";
                case "node" -> "node '" + nodeId + "'";
                case "summary" -> "the selection";
                default -> "data and training";
            };
        }
    }

    /**
     * Says why a field of the inspector may not be changed (a lesson locks it), or null when it may.
     */
    @FunctionalInterface
    public interface FieldLock {
        /**
         * @param kind    "run", "node" or "data"
         * @param subject the run's name or the node's id; null for the data and training settings
         * @param key     the field's key (its id is {@code field-<key>}); a parameter of a choice is
         *                {@code <choice key>-<parameter>}, e.g. {@code optimizer-learningRate}
         */
        String reason(String kind, String subject, String key);
    }

    /** Disables, with {@code lock}'s reason as their tooltip, the fields it locks; null unlocks all. */
    public void setFieldLock(FieldLock lock) {
        this.lock = lock;
        key = ""; // build the form again, with the new locks
        update(false);
    }

    /** Commits what was typed into the focused field but not yet committed (before training starts). */
    public void commitPending() {
        if (form != null) {
            form.commitPending();
        }
    }

    private Target target(Experiment e) {
        int run = selection.runProperty().get();
        if (run >= 0 && run < e.runs().size()) {
            return new Target("run", null, run, List.of(), List.of());
        }
        NetworkSpec network = e.network();
        List<String> nodes = network.nodes().stream().map(NodeSpec::id).filter(selection.nodes()::contains).toList();
        List<Edge> edges = network.edges().stream().filter(selection.edges()::contains).toList();
        if (nodes.size() == 1 && edges.isEmpty()) {
            return new Target("node", nodes.get(0), -1, nodes, edges);
        }
        if (nodes.isEmpty() && edges.isEmpty()) {
            return new Target("data", null, -1, nodes, edges);
        }
        return new Target("summary", null, -1, nodes, edges);
    }

    private void build(Target target, Form f, Experiment e) {
        switch (target.kind()) {
            case "run" -> RunSettings.build(f, context, target.run());
            case "node" -> NodeSettings.build(f, context, e.network().node(target.nodeId()).orElseThrow());
            case "summary" -> summary(f, target);
            default -> DataSettings.build(f, context, rememberedDatasets);
        }
    }

    private void header(Target target, Experiment e) {
        badge.getChildren().clear();
        badge.setBackground(null);
        badge.getStyleClass().remove("run-swatch");
        switch (target.kind()) {
            case "run" -> {
                badge.getStyleClass().add("run-swatch");
                badge.setBackground(new Background(new BackgroundFill(Color.web(RunColors.of(target.run())),
                        new CornerRadii(4), null)));
                title.setText(e.runs().get(target.run()).name());
                subtitle.setText("Run " + (target.run() + 1) + " of " + e.runs().size()
                        + ". Its own optimizer and schedule; network, data and seed are shared.");
            }
            case "node" -> {
                NodeSpec node = e.network().node(target.nodeId()).orElseThrow();
                badge.getChildren().add(icon(iconOf(node.type())));
                title.setText(node.type().title() + "  " + node.id());
                subtitle.setText(node.type().summary());
            }
            case "summary" -> {
                badge.getChildren().add(icon("mdi2s-selection-multiple"));
                title.setText(count(target.nodes().size(), "node") + (target.edges().isEmpty() ? ""
                        : (target.nodes().isEmpty() ? "" : ", ") + count(target.edges().size(), "edge")));
                subtitle.setText("Select a single node to edit it.");
            }
            default -> {
                badge.getChildren().add(icon("mdi2d-database-outline"));
                title.setText("Data and training");
                subtitle.setText("Shared by every run. Select a node or a run to edit it.");
            }
        }
    }

    private void summary(Form f, Target target) {
        if (!target.nodes().isEmpty()) {
            f.heading("Nodes");
            for (String id : target.nodes()) {
                f.info("node-" + id, id, () -> project.experiment().network().node(id)
                        .map(n -> n.type().title() + " · " + NodeSettings.shape(context, id)).orElse(""));
            }
            f.info("parameters", "Parameters", () -> {
                long total = 0;
                for (String id : target.nodes()) {
                    long n = NodeSettings.parameters(context, id);
                    if (n < 0) {
                        return "?";
                    }
                    total += n;
                }
                return String.format(Locale.ROOT, "%,d", total);
            });
        }
        if (!target.edges().isEmpty()) {
            f.heading(target.edges().size() == 1 ? "Edge" : "Edges");
            for (Edge edge : target.edges()) {
                f.info("edge-" + edge.from() + "-" + edge.to(), edge.from() + " → " + edge.to(), () -> {
                    Validation v = data.validationProperty().get();
                    return "carries " + (v == null ? "N × ?" : v.edgeShape(edge));
                });
            }
        }
        Set<String> ids = new LinkedHashSet<>(target.nodes());
        target.edges().forEach(edge -> {
            ids.add(edge.from());
            ids.add(edge.to());
        });
        f.problems("selection", () -> {
            Validation v = data.validationProperty().get();
            if (v == null) {
                return List.of();
            }
            List<String> problems = new ArrayList<>();
            v.problems().stream().filter(p -> p.nodeIds().stream().anyMatch(ids::contains))
                    .forEach(p -> problems.add(p.message()));
            return problems;
        });
    }

    /**
     * When an edit renames one node (the inspector's own rename, or its undo), the selection follows the
     * node to its new id instead of losing it.
     */
    private void followRename(Experiment old, Experiment now) {
        if (old == null || now == null || old.network() == now.network()) {
            return;
        }
        Set<String> before = ids(old.network());
        Set<String> after = ids(now.network());
        Set<String> removed = new HashSet<>(before);
        removed.removeAll(after);
        Set<String> added = new HashSet<>(after);
        added.removeAll(before);
        if (removed.size() == 1 && added.size() == 1 && selection.nodes().contains(removed.iterator().next())) {
            Set<String> nodes = new LinkedHashSet<>(selection.nodes());
            nodes.remove(removed.iterator().next());
            nodes.add(added.iterator().next());
            Set<Edge> edges = new LinkedHashSet<>(selection.edges());
            quietly(() -> selection.selectGraph(nodes, edges.stream().filter(now.network().edges()::contains).toList()));
        }
    }

    private static Set<String> ids(NetworkSpec network) {
        Set<String> ids = new HashSet<>();
        network.nodes().forEach(n -> ids.add(n.id()));
        return ids;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Node icon(String code) {
        FontIcon icon = new FontIcon(code);
        icon.getStyleClass().add("inspector-badge-icon");
        return icon;
    }

    static String iconOf(NodeType type) {
        return switch (type) {
            case INPUT -> "mdi2l-login";
            case DENSE -> "mdi2d-dots-grid";
            case ACTIVATION -> "mdi2f-function-variant";
            case BATCH_NORM, LAYER_NORM -> "mdi2c-chart-bell-curve";
            case DROPOUT -> "mdi2g-grain";
            case ADD -> "mdi2p-plus-circle-outline";
            case LOSS -> "mdi2t-target";
        };
    }
}
