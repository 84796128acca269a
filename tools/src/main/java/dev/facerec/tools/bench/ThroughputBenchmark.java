package dev.facerec.tools.bench;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.tools.bench.BenchmarkPhotos.Photo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent clients, each sending one request after another over the items in turn until the time is up: the
 * in-process pipeline (decode, detect, embed every face, as the api runs it) or an HTTP request to the service. A
 * request that fails is counted and its client goes on, so that a service shedding load shows as failures, not as a
 * crash of the benchmark.
 *
 * @param <T> what each request sends
 */
public final class ThroughputBenchmark<T> {
    private final List<T> items;
    private final Request<T> request;

    /** One request: how many faces it found, or an exception when it failed. */
    @FunctionalInterface
    public interface Request<T> {
        int send(T item) throws Exception;
    }

    public ThroughputBenchmark(List<T> items, Request<T> request) {
        this.items = List.copyOf(items);
        this.request = requireNonNull(request, "request is null");
        if (this.items.isEmpty()) {
            throw new IllegalArgumentException("no items to send");
        }
    }

    /** Decode, detect and embed every face in this process, as the api does for a query. */
    static ThroughputBenchmark<Photo> pipeline(FaceEngine engine, List<Photo> photos) {
        requireNonNull(engine, "engine is null");
        return new ThroughputBenchmark<>(photos, photo -> {
            DecodedImage image = engine.decoder().decode(photo.bytes());
            List<DetectedFace> faces = engine.detector().detect(image);
            return engine.embedder().embed(image, faces).size();
        });
    }

    /**
     * What one run at a given concurrency achieved; {@code photos}, {@code faces} and {@code latency} count the
     * successful requests only.
     *
     * @param failures requests that threw
     * @param failureSamples the distinct messages of the first few failures
     */
    public record Result(
            int concurrency,
            int photos,
            int faces,
            double wallSeconds,
            Timings latency,
            int failures,
            List<String> failureSamples) {
        public double photosPerSecond() {
            return photos / wallSeconds;
        }

        public double facesPerSecond() {
            return faces / wallSeconds;
        }
    }

    /**
     * Runs {@code concurrency} clients on platform threads; each starts requests until {@code seconds} have passed
     * and finishes the one it is in, so the wall time runs until the last answer.
     */
    public Result run(int concurrency, double seconds) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger faces = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<String> samples = Collections.synchronizedList(new ArrayList<>());
        Timings latency = new Timings();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(concurrency);
        long[] began = new long[1];
        long deadlineNanos = (long) (seconds * 1e9);
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofPlatform().name("bench-client-" + i).start(() -> {
                try {
                    start.await();
                    while (System.nanoTime() - began[0] < deadlineNanos) {
                        T item = items.get(Math.floorMod(next.getAndIncrement(), items.size()));
                        long started = System.nanoTime();
                        try {
                            int found = request.send(item);
                            latency.addNanos(System.nanoTime() - started);
                            faces.addAndGet(found);
                            done.incrementAndGet();
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
                            synchronized (samples) {
                                if (samples.size() < 3 && !samples.contains(message)) {
                                    samples.add(message);
                                }
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        began[0] = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double wall = (System.nanoTime() - began[0]) / 1e9;
        return new Result(concurrency, done.get(), faces.get(), wall, latency, failures.get(), List.copyOf(samples));
    }
}
