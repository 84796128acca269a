package dev.facerec.api.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A steady stream of requests from a few client threads, each outcome kept with when it started and how long it
 * took, so that a failover can be judged by the requests that were under way while it happened.
 */
final class Traffic implements AutoCloseable {
    /** One request: {@code null} failure when it got the answer it should have. */
    record Outcome(long startedNanos, long latencyNanos, String failure) {
        long endedNanos() {
            return startedNanos + latencyNanos;
        }
    }

    /** Sends one request and says what was wrong with the answer, or {@code null}. */
    interface Request {
        String send(long sequence) throws Exception;
    }

    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running = true;

    Traffic(int clientCount, Request request) {
        for (int client = 0; client < clientCount; client++) {
            long first = client;
            clients.add(Thread.ofVirtual().start(() -> {
                for (long sequence = first; running; sequence += clientCount) {
                    long started = System.nanoTime();
                    String failure;
                    try {
                        failure = request.send(sequence);
                    } catch (Exception e) {
                        failure = e.toString();
                    }
                    outcomes.add(new Outcome(started, System.nanoTime() - started, failure));
                }
            }));
        }
    }

    /** The outcomes of the requests that ended before {@code nanos}. */
    List<Outcome> endedBefore(long nanos) {
        return outcomes.stream().filter(outcome -> outcome.endedNanos() < nanos).toList();
    }

    /** The outcomes of the requests under way at some moment from {@code from} until {@code until}. */
    List<Outcome> underWay(long from, long until) {
        return outcomes.stream()
                .filter(outcome -> outcome.endedNanos() >= from && outcome.startedNanos() < until)
                .toList();
    }

    static List<Outcome> failures(List<Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.failure() != null).toList();
    }

    /** The {@code percentile} (0 to 100) latency in milliseconds. */
    static double percentileMillis(List<Outcome> outcomes, double percentile) {
        long[] latencies =
                outcomes.stream().mapToLong(Outcome::latencyNanos).sorted().toArray();
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100 * latencies.length) - 1;
        return latencies[Math.max(0, index)] / 1e6;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join(60_000);
        }
    }
}
