package dev.facerec.core.job;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.Unchecked;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Computes the next photo of a job on a thread of its own while the runner commits the current one: one photo at a
 * time, never more, so a job has at most one photo in the models and one being written. What it computes writes
 * nothing, so a result that is not used (the runner stopped, or the photo turned out a duplicate) is simply dropped.
 */
final class LookAhead implements AutoCloseable {
    private final ExecutorService thread;
    private Future<Photo> pending;

    LookAhead(String name) {
        this.thread = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name(requireNonNull(name, "name is null")).factory());
    }

    /** Starts computing a photo; the one started before, if not taken, is dropped. */
    void start(Supplier<Photo> work) {
        requireNonNull(work, "work is null");
        drop();
        pending = thread.submit(work::get);
    }

    /**
     * The photo started last, once computed; what computing it threw is thrown here.
     *
     * @throws InterruptedException when the caller is interrupted while it waits
     */
    Photo take() throws InterruptedException {
        Future<Photo> taken = requireNonNull(pending, "nothing was started");
        pending = null;
        try {
            return taken.get();
        } catch (ExecutionException e) {
            throw Unchecked.rethrown(e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("the look-ahead was cancelled", e);
        }
    }

    boolean started() {
        return pending != null;
    }

    private void drop() {
        if (pending != null) {
            pending.cancel(true);
            pending = null;
        }
    }

    /** Drops the photo in progress and ends the thread. */
    @Override
    public void close() {
        drop();
        thread.shutdownNow();
    }
}
