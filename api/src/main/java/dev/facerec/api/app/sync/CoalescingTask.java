package dev.facerec.api.app.sync;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on a thread of its own when signalled, folding a burst of signals into one run: a signal while a run
 * is queued adds nothing, a signal while one is running queues exactly one more (the change it announces may have come
 * after the running one looked). The caller never waits and never sees the action's failure. Public for the model
 * switch ({@code dev.facerec.api.app.migration}), which wakes up the same way.
 */
public final class CoalescingTask implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoalescingTask.class);

    private final String name;
    private final Runnable action;
    private final ExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();

    public CoalescingTask(String name, Runnable action) {
        this.name = name;
        this.action = action;
        this.executor = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name(name).daemon(true).factory());
    }

    public void signal() {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::runOnce);
        } catch (RejectedExecutionException e) {
            // Closed: the service is stopping and nothing needs the action any more.
            queued.set(false);
        }
    }

    private void runOnce() {
        queued.set(false);
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
