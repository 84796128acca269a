package dev.facerec.core;

/**
 * Marks the current thread's work as background work (a bulk enrolment job) rather than an interactive request. A
 * model run for background work takes one core, never all of them (see the inference gate of the {@code ml} module),
 * so that a request arriving meanwhile finds the other cores free, and a job's photos cost the least CPU each. Where
 * the service offloads compute stages (the REST API), a background stage also waits, for a bounded time, while
 * requests compute, so that requests come first.
 *
 * <p>Like {@link RequestDeadline} the mark belongs to one thread: work handed to another thread carries it there
 * ({@link #active()}, then {@link #enter()} on the other thread). Without the mark, work is interactive.
 */
public final class BackgroundWork {
    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private BackgroundWork() {}

    /** Marks the current thread's work as background until the returned scope is closed. */
    public static RequestDeadline.Scope enter() {
        Boolean previous = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        return () -> {
            if (previous == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(previous);
            }
        };
    }

    /** Whether the current thread works in the background. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }
}
