package dev.descent.ui.app;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Runs work once a window has been through its first pulse, so that its first frame is on its way to
 * the screen before anything else takes the JavaFX thread.
 *
 * <p>Why: work posted with {@code Platform.runLater} right after {@code stage.show()} runs before the
 * window's first pulse. At the first launch that work builds the lessons' start page (eight lessons read,
 * a second scene styled and laid out), so on a busy machine the main window stayed black for as long as
 * the start page took, and the start page came up over a window that had never painted. With this, the
 * order is: the window shows; its first pulse lays it out and hands the frame to the renderer; then the
 * work runs (the recovery offer, the file given on the command line, the start page).
 *
 * <p>The lifecycle, in order:
 * <ol>
 *   <li>{@link #then} registers a post-layout pulse listener on the scene; nothing runs yet;</li>
 *   <li>the scene's first pulse (only a showing window has pulses) lays it out and calls the listener,
 *       which removes itself and posts the work;</li>
 *   <li>the pulse ends (the frame is synchronized to the renderer), then the work runs, once.</li>
 * </ol>
 */
final class FirstFrame {
    private FirstFrame() {
    }

    /** Runs {@code work} on the JavaFX thread after {@code scene}'s first pulse; call on the JavaFX thread. */
    static void then(Scene scene, Runnable work) {
        Runnable listener = new Runnable() {
            private boolean posted;

            @Override
            public void run() {
                if (!posted) {
                    posted = true;
                    scene.removePostLayoutPulseListener(this);
                    Platform.runLater(work);
                }
            }
        };
        scene.addPostLayoutPulseListener(listener);
    }
}
