package dev.descent.ui.lessons;

import dev.descent.engine.train.LockstepComparison;
import dev.descent.engine.train.RunStatus;
import dev.descent.experiment.Experiment;
import dev.descent.experiment.ExperimentException;
import dev.descent.lesson.BuiltInLessons;
import dev.descent.lesson.ChallengeCheck;
import dev.descent.lesson.Goal;
import dev.descent.lesson.Lesson;
import dev.descent.lesson.LessonReader;
import dev.descent.lesson.Pointer;
import dev.descent.lesson.Verdict;
import dev.descent.ui.canvas.GraphCanvas;
import dev.descent.ui.inspector.InspectorView;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.TrainingSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import dev.descent.ui.model.Theme;
import javafx.stage.Stage;

/**
 * Lessons in the window: opens one (its experiment becomes the project, its locks guard every edit and
 * disable the inspector's locked fields), pages through its steps outlining what each says to watch,
 * and checks the challenge on the runs the window has trained, with the same {@link ChallengeCheck#judge}
 * as {@code descent lesson check}. A project opened or created otherwise closes the lesson.
 * FX thread only.
 */
public final class LessonController {
    private final Stage stage;
    private final ProjectModel project;
    private final SelectionModel selection;
    private final TrainingSession session;
    private final InspectorView inspector;
    private final Predicate<String> confirmDiscard;
    private final BiConsumer<String, List<String>> showError;
    private final Highlights highlights;
    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Boolean> met = new ReadOnlyObjectWrapper<>();
    private final LessonPanel panel;
    private int openedAt = -1;
    private StartPage startPage;
    private final Theme theme;

    /**
     * @param root           the window's content, where pointers are looked up by id
     * @param confirmDiscard asks before unsaved changes are lost ("opening a lesson"); true to go ahead
     * @param showError      shows a title and problem lines (a lesson file that does not read)
     */
    public LessonController(Stage stage, Parent root, ProjectModel project, SelectionModel selection,
                            TrainingSession session, InspectorView inspector, GraphCanvas canvas, Theme theme,
                            Predicate<String> confirmDiscard, BiConsumer<String, List<String>> showError) {
        this.stage = stage;
        this.theme = theme;
        this.project = project;
        this.selection = selection;
        this.session = session;
        this.inspector = inspector;
        this.confirmDiscard = confirmDiscard;
        this.showError = showError;
        this.highlights = new Highlights(root, canvas);
        this.panel = new LessonPanel(this);
        root.getStylesheets().add(LessonController.class.getResource("/dev/descent/ui/lessons/lessons.css").toExternalForm());
        project.experimentProperty().addListener((o, was, now) -> {
            if (lesson.get() != null && project.replacements() != openedAt) {
                close();
            }
        });
        project.refusedProperty().addListener((o, was, now) -> {
            if (lesson.get() != null && !now.isEmpty()) {
                result.set("Refused: " + now + ".");
                met.set(null);
            }
        });
        root.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                listenForPageKeys(scene);
            }
        });
    }

    // ---- the window's parts ----

    /** The side panel: the step text, paging, the challenge. Hidden while no lesson is open. */
    public Node panel() {
        return panel;
    }

    /** The Lessons menu: the start page and every built-in lesson. */
    public Menu menu() {
        Menu menu = new Menu("_Lessons");
        menu.setId("menu-lessons");
        MenuItem start = new MenuItem("_Start Page…");
        start.setId("menu-lessons-start");
        start.setOnAction(e -> showStartPage());
        menu.getItems().addAll(start, new SeparatorMenuItem());
        int n = 1;
        for (String file : BuiltInLessons.FILES) {
            Lesson l = LessonLibrary.builtIn(file);
            MenuItem item = new MenuItem(n++ + ". " + l.title());
            item.setMnemonicParsing(false);
            item.setId("lesson-" + dev.descent.lesson.LessonFiles.stem(file));
            item.setOnAction(e -> open(LessonLibrary.builtIn(file)));
            menu.getItems().add(item);
        }
        return menu;
    }

    /** Shows the start page listing the built-in lessons, at the window's scale (presenter mode's 1.6). */
    public void showStartPage() {
        if (startPage != null && startPage.scale() != theme.scale()) {
            startPage.hide(); // made at the other scale: its cards and window are sized for that one
            startPage = null;
        }
        if (startPage == null) {
            startPage = new StartPage(stage, LessonLibrary.builtIn(), this::openFromStartPage, theme.scale());
        }
        startPage.show();
    }

    /** The start page, or null before it was first shown. */
    StartPage startPage() {
        return startPage;
    }

    private void openFromStartPage(Lesson l) {
        if (open(l)) {
            startPage.hide();
        }
    }

    // ---- opening and closing ----

    /**
     * Reads and opens the lesson in {@code path}, the caller having asked about unsaved changes; one that
     * does not read is reported. True if opened.
     */
    public boolean openFile(Path path) {
        Lesson read;
        try {
            read = LessonReader.read(path);
        } catch (ExperimentException e) {
            showError.accept("Could not open the lesson " + path.getFileName(), e.messages());
            return false;
        }
        show(read);
        return true;
    }

    /** Opens {@code l}: its experiment replaces the project (after asking about unsaved changes). */
    public boolean open(Lesson l) {
        if (!confirmDiscard.test("opening a lesson")) {
            return false;
        }
        show(l);
        return true;
    }

    private void show(Lesson l) {
        session.reset();
        selection.clear();
        close(); // the replacement below is ours
        project.replace(l.experiment(), null);
        openedAt = project.replacements();
        WindowLocks locks = new WindowLocks(l);
        project.setGuard(locks::refusal);
        inspector.setFieldLock(locks);
        lesson.set(l);
        result.set("");
        met.set(null);
        step.set(-1);
        showStep(0);
    }

    /** Closes the lesson: the experiment stays, unlocked. */
    public void close() {
        if (lesson.get() == null) {
            return;
        }
        highlights.clear();
        project.setGuard(null);
        inspector.setFieldLock(null);
        lesson.set(null);
        openedAt = -1;
    }

    // ---- steps ----

    /** Shows step {@code i} (clamped) and outlines what it says to watch. */
    public void showStep(int i) {
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        int clamped = Math.max(0, Math.min(l.steps().size() - 1, i));
        step.set(clamped);
        List<Pointer> watch = l.steps().get(clamped).watch();
        for (Pointer p : watch) {
            if (p.isRun()) {
                int run = runIndex(p.target());
                if (run >= 0) {
                    selection.selectRun(run);
                }
            }
        }
        highlights.show(watch);
    }

    public void next() {
        showStep(step.get() + 1);
    }

    public void previous() {
        showStep(step.get() - 1);
    }

    private void listenForPageKeys(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (lesson.get() == null || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            if (e.getCode() == KeyCode.PAGE_DOWN) {
                next();
                e.consume();
            } else if (e.getCode() == KeyCode.PAGE_UP) {
                previous();
                e.consume();
            }
        });
    }

    private int runIndex(String name) {
        List<dev.descent.experiment.RunSpec> runs = project.experiment().runs();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    // ---- the challenge ----

    /**
     * Judges the challenge on the runs the window has trained, as {@code descent lesson check} judges it
     * on the runs it trains; the result is {@link #resultProperty()}.
     */
    public void check() {
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        met.set(null);
        Goal goal = l.challenge().goal();
        LockstepComparison comparison = session.comparisonProperty().get();
        if (comparison == null) {
            result.set("Nothing has trained yet: press Train (F5), let the runs finish, then Check.");
            return;
        }
        Experiment trained = session.trainedExperiment();
        String refused = trained == null ? null : new WindowLocks(l).refusal(trained);
        if (refused != null) {
            result.set("The runs trained an experiment the lesson does not allow: " + refused + ".");
            return;
        }
        Map<String, ChallengeCheck.Result> results = new LinkedHashMap<>();
        for (int i = 0; i < comparison.runCount(); i++) {
            String name = comparison.run(i).name();
            RunStatus status = comparison.status(i);
            if (goal.runs().contains(name) && !status.isFinal()) {
                result.set("'" + name + "' is still training: let it finish (or press Train), then Check.");
                return;
            }
            results.put(name, new ChallengeCheck.Result(comparison.summaries().get(i), comparison.history(i)));
        }
        for (String name : goal.runs()) {
            if (!results.containsKey(name)) {
                result.set("'" + name + "' has not trained: press Reset (Ctrl+R), then Train (F5).");
                return;
            }
        }
        Verdict verdict = ChallengeCheck.judge(goal, results);
        met.set(verdict.met());
        result.set(verdict.met() ? "Challenge met! " + capitalized(verdict.line().substring("met: ".length()))
                : "Not yet: " + verdict.line().substring("not met: ".length()));
    }

    /** Replaces the experiment with the lesson's solution (an edit: Undo brings the attempt back). */
    public void showSolution() {
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        session.reset();
        selection.clear();
        project.edit("Show the solution", e -> l.challenge().solution().withName(e.name()));
        result.set("The solution is loaded: press Train (F5), then Check. Undo (Ctrl+Z) brings your attempt back.");
        met.set(null);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- state ----

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    public Lesson lesson() {
        return lesson.get();
    }

    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** What the last Check found, or why it could not, or why an edit was refused; empty at first. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Whether the last Check met the goal; null when there is no verdict. */
    public ReadOnlyObjectProperty<Boolean> metProperty() {
        return met.getReadOnlyProperty();
    }

    /** What the current step outlines. */
    List<Node> outlined() {
        return highlights.outlined();
    }

    Highlights highlights() {
        return highlights;
    }
}
