package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Work after a window's first pulse: not before it shows, not during its first frame, and once. */
@ExtendWith(ApplicationExtension.class)
class FirstFrameTest {
    private final List<Stage> stages = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        fx(() -> stages.forEach(Stage::hide));
    }

    @Test
    void workRunsAfterTheWindowsFirstPulseHasLaidItOut() throws Exception {
        // given a window about to show, whose pulses are counted by a listener of our own
        AtomicInteger pulses = new AtomicInteger();
        CompletableFuture<double[]> seen = new CompletableFuture<>();
        boolean[] ranAtOnce = new boolean[1];
        fx(() -> {
            StackPane root = new StackPane();
            Scene scene = new Scene(root, 320, 200);
            scene.addPostLayoutPulseListener(pulses::incrementAndGet);
            // when work is registered and the window is shown in the same turn of the JavaFX thread
            FirstFrame.then(scene, () -> seen.complete(new double[] {pulses.get(), root.getWidth()}));
            ranAtOnce[0] = seen.isDone();
            show(scene);
        });
        double[] atWork = seen.get(10, TimeUnit.SECONDS);
        // then it ran later, after a pulse that laid the window out at its size
        assertFalse(ranAtOnce[0], "the work ran inside FirstFrame.then");
        assertTrue(atWork[0] >= 1, "pulses of the window before the work: " + atWork[0]);
        assertEquals(320, atWork[1], "the root's width when the work ran (0 = never laid out)");
    }

    @Test
    void workWaitsWhileTheWindowIsNotShowing() throws Exception {
        // given work registered on the scene of a window that is not shown
        AtomicInteger runs = new AtomicInteger();
        Scene[] scene = new Scene[1];
        fx(() -> {
            scene[0] = new Scene(new StackPane(), 200, 100);
            FirstFrame.then(scene[0], runs::incrementAndGet);
        });
        // when other windows pulse for a while
        fx(() -> show(new Scene(new StackPane(), 100, 100)));
        for (int i = 0; i < 5; i++) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        // then it has not run; once its window shows, it does
        assertEquals(0, runs.get(), "runs before the window showed");
        fx(() -> show(scene[0]));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runs.get() == 1);
    }

    @Test
    void workRunsOnceHoweverManyPulsesFollow() throws Exception {
        // given work that ran after the first pulse
        AtomicInteger runs = new AtomicInteger();
        StackPane root = new StackPane();
        fx(() -> {
            Scene scene = new Scene(root, 200, 100);
            FirstFrame.then(scene, runs::incrementAndGet);
            show(scene);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> runs.get() == 1);
        // when the window lays out again and again
        for (int i = 0; i < 5; i++) {
            int width = 200 + 10 * i;
            fx(() -> {
                root.setPrefWidth(width);
                root.requestLayout();
            });
            WaitForAsyncUtils.sleep(40, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        // then the work has still run once
        assertEquals(1, runs.get());
    }

    private void show(Scene scene) {
        Stage stage = new Stage();
        stage.setScene(scene);
        stages.add(stage);
        stage.show();
    }

    private static void fx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(10, TimeUnit.SECONDS);
    }
}
