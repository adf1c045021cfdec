package dev.descent.ui.model;

import dev.descent.engine.data.Dataset;
import dev.descent.engine.graph.Problem;
import dev.descent.engine.graph.Validation;
import dev.descent.experiment.DatasetSpec;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentData;
import dev.descent.experiment.ExperimentException;
import dev.descent.experiment.PreparedExperiment;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The project's data and everything checked against it: the dataset is loaded (or generated) in the
 * background whenever the data settings change, and the network of every run is validated against it
 * on every edit. Feeds the canvas (node marks, edge shapes), the problems list and the Train button.
 */
public final class DataModel {
    private record Key(DatasetSpec spec, long seed, Path base) {
    }

    private final Executor background;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Validation> validation = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper blockedReason = new ReadOnlyStringWrapper("loading data…");
    private List<Problem> loadError = List.of();
    private Key loaded;
    private Key requested;
    private Experiment current;

    /**
     * @param background where datasets are loaded
     * @param fx         the FX thread (tests pass a direct executor)
     */
    public DataModel(ProjectModel project, Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
        project.experimentProperty().addListener((o, old, now) -> update(now));
        update(project.experiment());
    }

    private void update(Experiment e) {
        current = e;
        Key key = new Key(e.dataset(), e.seed(), e.baseDirectory());
        if (!key.equals(requested)) {
            requested = key;
            loading.set(true);
            revalidate();
            background.execute(() -> {
                Dataset data = null;
                List<Problem> error = List.of();
                try {
                    data = ExperimentData.load(e);
                } catch (ExperimentException ex) {
                    error = ex.problems();
                } catch (RuntimeException | OutOfMemoryError ex) {
                    error = List.of(Problem.of(Problem.Section.DATASET, "dataset", "cannot load: " + ex));
                }
                Dataset result = data;
                List<Problem> failure = error;
                fx.execute(() -> {
                    if (!key.equals(requested)) {
                        return; // a newer request is on its way
                    }
                    loaded = key;
                    loading.set(false);
                    dataset.set(result);
                    loadError = failure;
                    revalidate();
                });
            });
        } else {
            revalidate();
        }
    }

    private void revalidate() {
        Dataset data = Objects.equals(loaded, requested) ? dataset.get() : null;
        if (data == null) {
            validation.set(null);
            if (loading.get()) {
                problems.setAll(List.of());
                blockedReason.set("loading data…");
            } else {
                // the networks' own problems need no data: show them beside why the data did not load
                List<Problem> all = new java.util.ArrayList<>(loadError);
                if (!loadError.isEmpty()) {
                    all.addAll(PreparedExperiment.problemsWithoutData(current));
                }
                problems.setAll(all);
                blockedReason.set(loadError.isEmpty() ? "no data" : loadError.get(0).message());
            }
            return;
        }
        // one check per edit: the shared network's validation and every problem of every run
        PreparedExperiment.Check check = PreparedExperiment.check(current, data);
        validation.set(check.network());
        problems.setAll(check.problems());
        blockedReason.set(check.problems().isEmpty() ? null : check.problems().get(0).message());
    }

    /** The loaded data, or null while loading or after a failure. */
    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public Dataset dataset() {
        return Objects.equals(loaded, requested) ? dataset.get() : null;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The shared network checked against the data (widths, order, per-node problems); null without data. */
    public ReadOnlyObjectProperty<Validation> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /**
     * Every problem of the experiment, each saying where it is (the data, a node, a run), computed once per
     * edit; {@link Problem#message()} is its sentence.
     */
    public ObservableList<Problem> problems() {
        return problems;
    }

    /** Why Train is disabled, or null when it can train. */
    public ReadOnlyStringProperty blockedReasonProperty() {
        return blockedReason.getReadOnlyProperty();
    }
}
