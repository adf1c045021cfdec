package dev.descent.ui.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * Opens the window the way {@code java -jar descent.jar} does (through {@link Launcher}), waits until it
 * is showing and has been through one more pulse, prints {@value #SHOWN} and ends the JVM. Used by
 * {@link NativeLoadingOrderTest} in a JVM of its own.
 */
public final class StartupProbe {
    static final String SHOWN = "probe: the window is showing";
    static final String NOT_SHOWN = "probe: no window within the deadline";

    private StartupProbe() {
    }

    public static void main(String[] args) {
        Thread watcher = new Thread(StartupProbe::watch, "startup-probe");
        watcher.setDaemon(true);
        watcher.start();
        System.exit(Launcher.launch(args));
    }

    private static void watch() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("probe.seconds", 120));
        while (System.nanoTime() < deadline) {
            try {
                CountDownLatch showing = new CountDownLatch(1);
                Platform.runLater(() -> {
                    if (Window.getWindows().stream().anyMatch(Window::isShowing)) {
                        showing.countDown();
                    }
                });
                if (showing.await(500, TimeUnit.MILLISECONDS)) {
                    CountDownLatch nextPulse = new CountDownLatch(1);
                    Platform.runLater(nextPulse::countDown);
                    nextPulse.await(10, TimeUnit.SECONDS);
                    System.out.println(SHOWN);
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                }
            } catch (IllegalStateException toolkitNotStartedYet) {
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
        System.out.println(NOT_SHOWN);
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
