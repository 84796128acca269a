package dev.facerec.api.app.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the service runs background work on a timer (the sweeps, the index catch-up, the gallery metrics): a
 * named task run every {@code interval} on a virtual thread of its own, with a fixed delay between the end of one run
 * and the start of the next, the first one interval after {@link #start}. A zero interval turns the job off.
 *
 * <p>A failed run never stops the job: the next one runs on time. A failure is logged at WARN once per kind (its
 * exception class), so a database that is down for an hour does not write one line a second from the index
 * catch-up; repeats of the same kind go to DEBUG, and the first success after failures is logged at INFO. Closing
 * the job (Spring closes the bean on shutdown) interrupts a run in progress and waits for it a few seconds.
 */
public final class PeriodicJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Duration interval;
    private final Runnable task;
    // Guards thread, failing and failures. Not the job's own monitor, which any holder of the bean could take and so
    // stall the timer (FindSecBugs USO_UNSAFE_METHOD_SYNCHRONIZATION).
    private final Object lock = new Object();
    private Thread thread;
    private String failing;
    private long failures;

    /** A job not yet started; {@link #start()} starts it (see {@link #start(String, Duration, Runnable)}). */
    public PeriodicJob(String name, Duration interval, Runnable task) {
        this.name = requireNonNull(name, "name is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.task = requireNonNull(task, "task is null");
        if (interval.isNegative()) {
            throw new IllegalArgumentException(name + " interval must not be negative: " + interval);
        }
    }

    /** A job that runs {@code task} every {@code interval} from now on; a zero interval schedules nothing. */
    public static PeriodicJob start(String name, Duration interval, Runnable task) {
        PeriodicJob job = new PeriodicJob(name, interval, task);
        job.start();
        return job;
    }

    /** A job that never runs, for a schedule the operator turned off: the bean exists either way. */
    public static PeriodicJob off(String name) {
        return new PeriodicJob(name, Duration.ZERO, () -> {});
    }

    /** Starts the timer unless it runs already or the interval is zero. */
    public void start() {
        synchronized (lock) {
            if (thread == null && !interval.isZero()) {
                thread = Thread.ofVirtual().name(name).start(this::loop);
            }
        }
    }

    public boolean isScheduled() {
        synchronized (lock) {
            return thread != null;
        }
    }

    /**
     * Runs the task now, on the caller's thread, as a tick of the timer would (another replica's wake-up runs the
     * index catch-up this way). Never throws: a failure is logged like a failed tick.
     */
    public void runNow() {
        try {
            task.run();
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        succeeded();
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            runNow();
        }
    }

    private void failed(RuntimeException e) {
        synchronized (lock) {
            if (Thread.currentThread().isInterrupted()) {
                // Stopped mid-run at shutdown: the failure is the interruption, not worth a warning.
                return;
            }
            String kind = e.getClass().getName();
            failures++;
            if (kind.equals(failing)) {
                log.debug("{} failed again ({} times so far): {}", name, failures, e.toString());
            } else {
                failing = kind;
                log.warn("{} failed, next try in {}: {}", name, interval, e.toString());
            }
        }
    }

    private void succeeded() {
        synchronized (lock) {
            if (failing != null) {
                log.info("{} works again after {} failed runs", name, failures);
                failing = null;
                failures = 0;
            }
        }
    }

    /** Stops the timer: interrupts a run in progress and waits a few seconds for it to end. */
    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            running = thread;
            thread = null;
        }
        if (running == null) {
            return;
        }
        running.interrupt();
        try {
            running.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
