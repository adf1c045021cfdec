package dev.descent.ui.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Files the system asks to open: kept until the window can open them, then handed on in order. */
class OpenFileRequestsTest {
    private final OpenFileRequests requests = new OpenFileRequests();

    @Test
    void filesDeliveredBeforeTheWindowIsReadyAreReturnedByAttachOldestFirst() {
        // given two events that arrive while the window starts
        requests.deliver(List.of(Path.of("a.descent")));
        requests.deliver(List.of(Path.of("b.lesson.json")));
        // when the window attaches
        List<Path> forwarded = new ArrayList<>();
        List<Path> kept = requests.attach(forwarded::add, Runnable::run);
        // then it gets both, oldest first, and nothing went to the receiver
        assertEquals(List.of(Path.of("a.descent"), Path.of("b.lesson.json")), kept);
        assertEquals(List.of(), forwarded);
    }

    @Test
    void filesDeliveredLaterGoToTheReceiverThroughItsExecutor() {
        // given an attached window whose executor only queues
        List<Runnable> queued = new ArrayList<>();
        List<Path> opened = new ArrayList<>();
        assertEquals(List.of(), requests.attach(opened::add, queued::add));
        // when an event arrives
        requests.deliver(List.of(Path.of("c.json")));
        // then the file is opened only when the executor runs the task
        assertEquals(List.of(), opened, "opened outside the executor");
        queued.forEach(Runnable::run);
        assertEquals(List.of(Path.of("c.json")), opened);
    }

    @Test
    void ofSeveralFilesInOneEventTheFirstIsOpened() {
        // given an attached window
        List<Path> opened = new ArrayList<>();
        requests.attach(opened::add, Runnable::run);
        // when one event names three files, and one names none
        requests.deliver(List.of(Path.of("first.descent"), Path.of("second.descent"), Path.of("third.descent")));
        requests.deliver(List.of());
        // then the first is opened (Descent holds one experiment at a time)
        assertEquals(List.of(Path.of("first.descent")), opened);
    }

    @Test
    void eventsFromManyThreadsAreNeitherLostNorDoubled() throws Exception {
        // given events from eight threads, half of them before the window attaches
        ConcurrentLinkedQueue<Path> opened = new ConcurrentLinkedQueue<>();
        Executor direct = Runnable::run;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    requests.deliver(List.of(Path.of("t" + id + "-" + i + ".json")));
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        List<Path> kept = requests.attach(opened::add, direct);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        // then every file arrived exactly once, either kept or forwarded
        List<Path> all = new ArrayList<>(kept);
        all.addAll(opened);
        assertEquals(800, all.size());
        assertEquals(800, all.stream().distinct().count());
    }

    @Test
    void attachingTwiceIsRefused() {
        requests.attach(p -> { }, Runnable::run);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> requests.attach(p -> { }, Runnable::run));
        assertTrue(e.getMessage().contains("already attached"), e.getMessage());
    }
}
