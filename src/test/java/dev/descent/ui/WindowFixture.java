package dev.descent.ui;

import dev.descent.testing.MemoryPreferences;
import dev.descent.ui.app.Examples;
import dev.descent.ui.app.MainWindow;
import dev.descent.ui.app.RecentFiles;
import dev.descent.ui.model.DataModel;
import dev.descent.ui.model.EngineStatus;
import dev.descent.ui.model.ProjectModel;
import dev.descent.ui.model.SelectionModel;
import dev.descent.ui.model.Theme;
import dev.descent.ui.model.TrainingSession;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;

/**
 * The whole window wired as the application wires it, for TestFX tests: real models, real panels,
 * ND4J started in the background, a frame timer. Theme and recent files are kept in memory
 * ({@link MemoryPreferences}), never in the user's preferences.
 */
public final class WindowFixture {
    public final ProjectModel project;
    public final SelectionModel selection;
    public final DataModel data;
    public final EngineStatus engine;
    public final TrainingSession session;
    public final MainWindow window;
    public final Theme theme;
    public final RecentFiles recent;
    private final ExecutorService background;
    private final AnimationTimer timer;

    public WindowFixture(Stage stage) {
        background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-background");
            t.setDaemon(true);
            return t;
        });
        MemoryPreferences preferences = new MemoryPreferences();
        theme = new Theme(preferences);
        recent = new RecentFiles(preferences);
        project = new ProjectModel(Examples.load(Examples.FIRST));
        selection = new SelectionModel();
        data = new DataModel(project, background, Platform::runLater);
        engine = new EngineStatus();
        engine.start(background, Platform::runLater);
        session = new TrainingSession(project, data, engine, background, Platform::runLater);
        window = new MainWindow(stage, project, selection, data, engine, session, recent, theme);
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(window.root(), 1200, 760);
        scene.getStylesheets().add(WindowFixture.class.getResource("/dev/descent/ui/descent.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                session.tick(now, false);
            }
        };
        timer.start();
    }

    /** The menu item with {@code id}, anywhere in the window's menus. */
    public MenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) window.root().lookup("#menu-bar");
        for (Menu menu : bar.getMenus()) {
            MenuItem found = find(menu, id);
            if (found != null) {
                return found;
            }
        }
        throw new IllegalArgumentException("no menu item " + id);
    }

    private static MenuItem find(MenuItem item, String id) {
        if (id.equals(item.getId())) {
            return item;
        }
        if (item instanceof Menu menu) {
            for (MenuItem child : menu.getItems()) {
                MenuItem found = find(child, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Stops training and the timer. */
    public void close() {
        timer.stop();
        session.reset();
        background.shutdownNow();
    }
}
