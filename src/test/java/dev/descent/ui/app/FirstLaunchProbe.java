package dev.descent.ui.app;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Preloader;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Watches the first launch from inside the window's JVM: installed as the JavaFX preloader
 * ({@code -Djavafx.preloader=}), so it runs on the JavaFX thread before the application's {@code start}.
 * It counts the pulses of the first window that shows (the main window) and, when the lessons' start page
 * shows, prints {@value #REPORT} with that count and ends the JVM. Used by {@link FirstLaunchTest}.
 */
public final class FirstLaunchProbe extends Preloader {
    static final String REPORT = "probe: start page shown after main-window pulses: ";
    static final String NOT_SHOWN = "probe: no start page within the deadline";
    private final AtomicInteger mainPulses = new AtomicInteger();
    private Window main;

    @Override
    public void start(Stage preloaderStage) {
        Thread deadline = new Thread(() -> {
            sleep(TimeUnit.SECONDS.toMillis(Long.getLong("probe.seconds", 120)));
            report(NOT_SHOWN, 3);
        }, "first-launch-probe-deadline");
        deadline.setDaemon(true);
        deadline.start();
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::shown);
            }
        });
    }

    private void shown(Window window) {
        if (main == null) {
            main = window;
            main.getScene().addPostLayoutPulseListener(mainPulses::incrementAndGet);
        } else if (window instanceof Stage stage && stage.getTitle() != null && stage.getTitle().startsWith("Lessons")) {
            report(REPORT + mainPulses.get(), 0);
        }
    }

    private static void report(String line, int status) {
        System.out.println(line);
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
