package dev.facerec.api.http.load;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the API port serves requests on: platform threads up to {@link #PLATFORM_THREADS} requests at once,
 * and a virtual thread for each request beyond.
 *
 * <p>Why not virtual threads for all, as Spring Boot would: virtual threads share one carrier per core, and one that
 * computes keeps its carrier until it blocks. The heavy stages run on the {@link ComputeExecutor}, but receiving
 * uploads is work too (a 10 MB multipart body is scanned for its boundary byte by byte): 16 uploads at once kept both
 * carriers of a 2-core machine busy for over a second, and a health probe that arrived meanwhile waited for a
 * carrier before Tomcat had even read its request line. Platform threads are scheduled by the operating system, so a
 * probe gets its turn within a time slice whatever the other requests do. Beyond {@link #PLATFORM_THREADS} (many
 * slow clients, which mostly wait for the network) virtual threads take over, so the number of requests in progress
 * has no cap, as before.
 */
final class RequestThreads implements Executor, AutoCloseable {
    /** Tomcat's own default for its pool of request threads. */
    static final int PLATFORM_THREADS = 200;

    private static final int ALWAYS_READY = 10;

    private final ThreadPoolExecutor platform;

    RequestThreads(int platformThreads) {
        AtomicInteger number = new AtomicInteger();
        this.platform = new ThreadPoolExecutor(
                Math.min(ALWAYS_READY, platformThreads),
                platformThreads,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                request -> {
                    Thread thread = new Thread(request, "http-request-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                (request, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("the server is stopping");
                    }
                    Thread.ofVirtual().name("http-request-virtual").start(request);
                });
    }

    @Override
    public void execute(Runnable request) {
        platform.execute(request);
    }

    @Override
    public void close() {
        platform.shutdown();
    }
}
