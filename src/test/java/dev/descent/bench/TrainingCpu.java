package dev.descent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of the training threads ({@code descent-worker-*}, the comparison's workers) that appear while it watches: a daemon polls
 * every thread's CPU time every 20 ms and keeps each training thread's latest reading, so a thread's
 * last 20 ms at most go uncounted. On a shared machine this, not the wall clock, says what one core
 * gives a run.
 */
final class TrainingCpu implements AutoCloseable {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> seen = new HashMap<>();
    private final Map<Long, Long> initial = new HashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    private TrainingCpu() {
        poll(initial);
        poller = new Thread(() -> {
            while (running) {
                poll(null);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-cpu-poller");
        poller.setDaemon(true);
        poller.start();
    }

    static TrainingCpu start() {
        return new TrainingCpu();
    }

    private synchronized void poll(Map<Long, Long> into) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || !info.getThreadName().startsWith(dev.descent.engine.train.LockstepComparison.WORKER_THREAD_PREFIX)) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                (into == null ? seen : into).put(info.getThreadId(), cpu);
            }
        }
    }

    /** CPU seconds the training threads used since {@link #start}. */
    synchronized double seconds() {
        poll(null);
        long total = 0;
        for (Map.Entry<Long, Long> e : seen.entrySet()) {
            total += e.getValue() - initial.getOrDefault(e.getKey(), 0L);
        }
        return total / 1e9;
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
