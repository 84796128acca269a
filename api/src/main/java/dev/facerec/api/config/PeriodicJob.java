package dev.facerec.api.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background task run every {@code interval} on a daemon thread of its own (the orphan image sweep, the retention
 * sweep). A failed run is logged and the next one runs on time; a zero interval schedules nothing.
 */
public final class PeriodicJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

    private final ScheduledExecutorService timer;

    public PeriodicJob(String name, Duration interval, Runnable task) {
        if (interval.isZero()) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon(true).factory());
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.warn("{} failed, next try in {}: {}", name, interval, e.toString());
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public boolean isScheduled() {
        return timer != null && !timer.isShutdown();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
