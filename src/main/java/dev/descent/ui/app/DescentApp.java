package dev.descent.ui.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.EngineStatus;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application: builds the models, the window and the frame timer, and opens the first
 * example. ND4J has already started ({@link NativeStartup}, called by the {@link Launcher}); a window
 * opened without the launcher starts it in the background (status bar: "Starting ND4J…").
 * Optional argument: an experiment file to open.
 */
public final class DescentApp extends Application {
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "descent-background");
        t.setDaemon(true);
        return t;
    });
    private AnimationTimer timer;
    private Autosave autosave;
    /** Preference set once the lessons' start page has been shown, at the first launch. */
    static final String START_PAGE_SHOWN = "lessons.startPageShown";

    @Override
    public void start(Stage stage) {
        Preferences preferences = Preferences.userRoot().node("dev/descent");
        Theme theme = new Theme(preferences);
        applyTheme(theme.isDark());
        theme.darkProperty().addListener((o, was, dark) -> applyTheme(dark));

        ProjectModel project = new ProjectModel(Examples.load(Examples.FIRST));
        SelectionModel selection = new SelectionModel();
        DataModel data = new DataModel(project, background, Platform::runLater);
        EngineStatus engine = new EngineStatus();
        if (NativeStartup.outcome() != null) {
            engine.startedBefore(NativeStartup.outcome()); // the launcher started ND4J before the toolkit
        } else {
            engine.start(runnable -> {
                Thread t = new Thread(runnable, "descent-engine-start");
                t.setDaemon(true);
                t.start();
            }, Platform::runLater);
        }
        TrainingSession session = new TrainingSession(project, data, engine, background, Platform::runLater);
        dev.descent.ui.model.StepRates.remember(session.stepRateProperty(), preferences); // slow motion, as last chosen
        MainWindow window = new MainWindow(stage, project, selection, data, engine, session, RecentFiles.forUser(), theme);
        RecoveryStore recovery = RecoveryStore.forUser();
        autosave = new Autosave(project, recovery, e -> project.positions().withShownPositions(e), Autosave.DELAY);
        window.showAutosaveProblem(autosave.problemProperty());
        window.rememberChartOptions(preferences);

        Scene scene = new Scene(window.root(), 1440, 900);
        scene.getStylesheets().add(DescentApp.class.getResource("/dev/descent/ui/descent.css").toExternalForm());
        stage.setScene(scene);
        stage.getIcons().setAll(AppIcons.images());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();

        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                session.tick(now, false);
            }
        };
        timer.start();

        List<String> args = getParameters().getRaw();
        FirstFrame.then(scene, () -> { // once the window has painted: what a crash left behind comes first
            boolean restored = RecoveryOffer.offer(stage, recovery, project, autosave);
            // files the system asks to open (macOS: the Finder's event) after this ask first, like File > Open
            List<Path> requested = OpenFileRequests.SYSTEM.attach(file -> {
                if (window.confirmDiscard("opening another experiment")) {
                    window.openFile(file);
                }
            }, Platform::runLater);
            Path asked = !args.isEmpty() ? Path.of(args.get(0)) : requested.isEmpty() ? null : requested.get(0);
            if (asked != null) {
                window.openAtStart(asked, restored);
            } else if (!restored && !preferences.getBoolean(START_PAGE_SHOWN, false)) {
                preferences.putBoolean(START_PAGE_SHOWN, true); // the first launch shows the lessons
                window.lessons().showStartPage();
            }
        });
    }

    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        if (autosave != null) {
            autosave.close(); // a clean exit: the user saved or chose not to
        }
        if (timer != null) {
            timer.stop();
        }
        background.shutdownNow();
    }
}
