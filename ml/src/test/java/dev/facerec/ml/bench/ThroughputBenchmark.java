package dev.facerec.ml.bench;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.bench.BenchmarkPhotos.Photo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent requests, each the full per-photo pipeline (decode, detect, embed every face) as the api runs it, over
 * the photos in turn until the time is up. The engine's inference gate decides how much of it overlaps.
 */
final class ThroughputBenchmark {
    private final FaceEngine engine;
    private final List<Photo> photos;

    ThroughputBenchmark(FaceEngine engine, List<Photo> photos) {
        this.engine = requireNonNull(engine, "engine is null");
        this.photos = List.copyOf(photos);
    }

    /** What one run at a given concurrency achieved. */
    record Result(int concurrency, int photos, int faces, double wallSeconds, Timings latency) {
        double photosPerSecond() {
            return photos / wallSeconds;
        }

        double facesPerSecond() {
            return faces / wallSeconds;
        }
    }

    Result run(int concurrency, double seconds) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger faces = new AtomicInteger();
        Timings latency = new Timings();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(concurrency);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] began = new long[1];
        long deadlineNanos = (long) (seconds * 1e9);
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofPlatform().name("bench-request-" + i).start(() -> {
                try {
                    start.await();
                    while (System.nanoTime() - began[0] < deadlineNanos) {
                        Photo photo = photos.get(Math.floorMod(next.getAndIncrement(), photos.size()));
                        long started = System.nanoTime();
                        faces.addAndGet(process(photo));
                        latency.addNanos(System.nanoTime() - started);
                        done.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        began[0] = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double wall = (System.nanoTime() - began[0]) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a request failed at concurrency " + concurrency, failures.getFirst());
        }
        return new Result(concurrency, done.get(), faces.get(), wall, latency);
    }

    private int process(Photo photo) {
        DecodedImage image = engine.decoder().decode(photo.bytes());
        List<DetectedFace> faces = engine.detector().detect(image);
        return engine.embedder().embed(image, faces).size();
    }
}
