package dev.facerec.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Every answer of a simulation, by the step its request was sent in, its endpoint and its outcome, with the response
 * time Gatling measured. Gatling's HTML report shows the same requests; this adds what it cannot: 503 shedding told
 * apart from errors (Gatling counts both as KO), each request attributed to the arrival rate it was sent at, and the
 * decision, during the step-up, that the service is saturated. (Gatling 3.15 keeps its statistics inside the HTML
 * report and a binary simulation.log, so the closing summary is made from these tallies.)
 *
 * <p>Outcomes: {@code ok} (2xx); {@code refused} (422 NO_FACE, FACE_QUALITY or MULTIPLE_FACES: the service looked at
 * the photo and declined it, a correct answer); {@code shed} (503: UNAVAILABLE from the decode memory budget, or
 * REQUEST_TIMEOUT at the request deadline); {@code error} (anything else, no answer included).
 */
final class Outcomes {
    static final Set<String> PHOTO_REFUSALS = Set.of("NO_FACE", "FACE_QUALITY", "MULTIPLE_FACES");
    static final List<String> OUTCOMES = List.of("ok", "refused", "shed", "error");

    /** A step is saturated past this share of shed or failed requests... */
    static final double MAX_FAILED_SHARE = 0.01;

    /** ...or when more than this share took longer than the p95 limit (its 95th percentile is past it). */
    static final double MAX_SLOW_SHARE = 0.05;

    static final String HEADER = "phase\tstep\tarrivals_per_s\tseconds\tendpoint\tsent\tok\trefused\tshed\terror"
            + "\tunanswered\tp50_ms\tp95_ms\tp99_ms\tmax_ms\tall_p95_ms\tstatuses\tsaturated";

    private final AtomicLong startMillis = new AtomicLong();
    private final long stepMillis;
    private final long p95LimitMillis;
    private final Map<Integer, Map<String, Tally>> steps = new ConcurrentHashMap<>();
    private final Map<Long, Sent> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();
    private final Map<Integer, Verdict> judged = new ConcurrentHashMap<>();

    private record Sent(long atMillis, String endpoint) {}

    /**
     * The first step starts with the first request.
     *
     * @param stepMillis length of a step (the steady phase is one step)
     * @param p95LimitMillis the latency past which a request counts as slow
     */
    Outcomes(long stepMillis, long p95LimitMillis) {
        this.stepMillis = stepMillis;
        this.p95LimitMillis = p95LimitMillis;
    }

    static String outcome(Integer status, String code) {
        if (status == null) {
            return "error";
        }
        if (status / 100 == 2) {
            return "ok";
        }
        if (status == 422 && code != null && PHOTO_REFUSALS.contains(code)) {
            return "refused";
        }
        return status == 503 ? "shed" : "error";
    }

    /** The step that a request sent at {@code millis} belongs to; 0 before the first request. */
    int stepAt(long millis) {
        long start = startMillis.get();
        return start == 0 ? 0 : (int) Math.max(0, (millis - start) / stepMillis);
    }

    /** A request to {@code endpoint} is about to be sent: returns its ticket for {@link #completed}. */
    long sent(String endpoint, long nowMillis) {
        startMillis.compareAndSet(0, nowMillis);
        long ticket = tickets.incrementAndGet();
        inFlight.put(ticket, new Sent(nowMillis, endpoint));
        tally(stepAt(nowMillis), endpoint).sent();
        return ticket;
    }

    /**
     * @param status the HTTP status, null when no answer came
     * @param code the problem body's {@code code}, null when there was none
     * @param responseMillis the response time Gatling measured, null when no answer came
     */
    void completed(long ticket, Integer status, String code, Integer responseMillis, long nowMillis) {
        Sent sent = inFlight.remove(ticket);
        if (sent == null) {
            return;
        }
        String key = (status == null ? "none" : status.toString()) + (code == null ? "" : " " + code);
        long millis = responseMillis != null ? responseMillis : nowMillis - sent.atMillis();
        tally(stepAt(sent.atMillis()), sent.endpoint()).add(outcome(status, code), key, millis);
    }

    /**
     * The first step found saturated so far. A step is judged once, when the next one has started, on what is known
     * then (see {@link #verdict}).
     */
    synchronized OptionalInt saturatedStep(long nowMillis) {
        int current = stepAt(nowMillis);
        for (int step = 0; step < current; step++) {
            int judgedStep = step;
            if (judged.computeIfAbsent(step, unused -> verdict(judgedStep, nowMillis))
                    .saturated()) {
                return OptionalInt.of(step);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Whether step {@code step} is saturated, judged on what is known at {@code nowMillis}: its shed and failed
     * answers, its slow answers and its requests still waiting past the limit (they will be slow too).
     */
    Verdict verdict(int step, long nowMillis) {
        long waitingTooLong = inFlight.values().stream()
                .filter(sent -> stepAt(sent.atMillis()) == step && nowMillis - sent.atMillis() > p95LimitMillis)
                .count();
        long sent = 0;
        long failed = 0;
        long slow = waitingTooLong;
        for (Tally tally : steps.getOrDefault(step, Map.of()).values()) {
            Tally.Snapshot snapshot = tally.snapshot();
            sent += snapshot.sent();
            failed += snapshot.count("shed") + snapshot.count("error");
            slow += Arrays.stream(snapshot.all())
                    .filter(millis -> millis > p95LimitMillis)
                    .count();
        }
        return new Verdict(sent, failed, slow);
    }

    /** Whether every request sent so far has its answer (or failed). */
    boolean drained() {
        return inFlight.isEmpty();
    }

    /** Shed or failed requests and slow ones (answered or still waiting past the limit) of one step. */
    record Verdict(long sent, long failed, long slow) {
        boolean saturated() {
            return sent > 0 && (failed > sent * MAX_FAILED_SHARE || slow > sent * MAX_SLOW_SHARE);
        }
    }

    /**
     * Writes {@code results-<phase>.tsv} into {@code dir}: a line per step and endpoint, and one per step for all
     * endpoints together ({@code ALL}); latency percentiles of the answered requests (ok and refused), the 95th
     * percentile of every answer, and the statuses with their problem codes.
     */
    void write(Path dir, String phase, StepRate rate, long endMillis) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (var step : new TreeMap<>(steps).entrySet()) {
            String prefix = "%s\t%d\t%s\t%d"
                    .formatted(
                            phase,
                            step.getKey(),
                            number(rate.of(step.getKey())),
                            stepSeconds(step.getKey(), endMillis));
            List<Tally.Snapshot> snapshots = new ArrayList<>();
            for (var endpoint : new TreeMap<>(step.getValue()).entrySet()) {
                Tally.Snapshot snapshot = endpoint.getValue().snapshot();
                snapshots.add(snapshot);
                lines.add(prefix + "\t" + endpoint.getKey() + "\t" + snapshot.line() + "\t");
            }
            Tally.Snapshot all = Tally.Snapshot.merge(snapshots);
            lines.add(prefix + "\tALL\t" + all.line() + "\t"
                    + verdict(step.getKey(), endMillis).saturated());
        }
        try {
            Files.write(dir.resolve("results-" + phase + ".tsv"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arrival rate of a step. */
    interface StepRate {
        double of(int step);
    }

    static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private long stepSeconds(int step, long endMillis) {
        long from = startMillis.get() + step * stepMillis;
        return Math.max(1, (Math.min(endMillis, from + stepMillis) - from) / 1000);
    }

    private Tally tally(int step, String endpoint) {
        return steps.computeIfAbsent(step, unused -> new ConcurrentHashMap<>())
                .computeIfAbsent(endpoint, unused -> new Tally());
    }

    /** The requests of one step to one endpoint. */
    private static final class Tally {
        private long sent;
        private final Map<String, Long> statuses = new TreeMap<>();
        private final Map<String, Long> outcomes = new TreeMap<>();
        private long[] answered = new long[64]; // ok and refused
        private int answeredCount;
        private long[] all = new long[64];
        private int allCount;

        synchronized void sent() {
            sent++;
        }

        synchronized void add(String outcome, String status, long millis) {
            statuses.merge(status, 1L, Long::sum);
            outcomes.merge(outcome, 1L, Long::sum);
            if (outcome.equals("ok") || outcome.equals("refused")) {
                answered = append(answered, answeredCount++, millis);
            }
            all = append(all, allCount++, millis);
        }

        private static long[] append(long[] values, int index, long value) {
            long[] grown = index == values.length ? Arrays.copyOf(values, index * 2) : values;
            grown[index] = value;
            return grown;
        }

        synchronized Snapshot snapshot() {
            return new Snapshot(
                    sent,
                    Map.copyOf(statuses),
                    Map.copyOf(outcomes),
                    Arrays.copyOf(answered, answeredCount),
                    Arrays.copyOf(all, allCount));
        }

        record Snapshot(
                long sent, Map<String, Long> statuses, Map<String, Long> outcomes, long[] answered, long[] all) {
            long count(String outcome) {
                return outcomes.getOrDefault(outcome, 0L);
            }

            static Snapshot merge(List<Snapshot> parts) {
                Map<String, Long> statuses = new TreeMap<>();
                Map<String, Long> outcomes = new TreeMap<>();
                parts.forEach(part -> part.statuses.forEach((key, count) -> statuses.merge(key, count, Long::sum)));
                parts.forEach(part -> part.outcomes.forEach((key, count) -> outcomes.merge(key, count, Long::sum)));
                return new Snapshot(
                        parts.stream().mapToLong(Snapshot::sent).sum(),
                        statuses,
                        outcomes,
                        parts.stream()
                                .flatMapToLong(part -> Arrays.stream(part.answered))
                                .toArray(),
                        parts.stream()
                                .flatMapToLong(part -> Arrays.stream(part.all))
                                .toArray());
            }

            /** sent, each outcome, unanswered, answered p50/p95/p99/max, p95 of all, statuses. */
            String line() {
                long[] sortedAnswered = answered.clone();
                Arrays.sort(sortedAnswered);
                long[] sortedAll = all.clone();
                Arrays.sort(sortedAll);
                String counts = OUTCOMES.stream()
                        .map(outcome -> Long.toString(count(outcome)))
                        .collect(Collectors.joining("\t"));
                String statusList = new TreeMap<>(statuses)
                        .entrySet().stream()
                                .map(entry -> entry.getKey() + ":" + entry.getValue())
                                .collect(Collectors.joining(", "));
                return "%d\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s"
                        .formatted(
                                sent,
                                counts,
                                sent - all.length,
                                percentile(sortedAnswered, 0.50),
                                percentile(sortedAnswered, 0.95),
                                percentile(sortedAnswered, 0.99),
                                sortedAnswered.length == 0 ? 0 : sortedAnswered[sortedAnswered.length - 1],
                                percentile(sortedAll, 0.95),
                                statusList);
            }
        }
    }
}
