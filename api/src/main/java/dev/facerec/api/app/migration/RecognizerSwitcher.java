package dev.facerec.api.app.migration;

import static java.util.Objects.requireNonNull;

import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.api.app.sync.CoalescingTask;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.migration.MigrateModel;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.recognizer.Recognizer;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.ml.FaceEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this replica's recognizer the one the database says the faces are kept in ({@link
 * MigrateModel#persistedModel}), while it serves: after a model migration's switch-over or rollback, on any replica, it
 * loads the other pack (verified as at start-up; the replica that ran the pass hands over the engine it has), builds
 * that model's gallery index beside the one serving, and switches ({@link ActiveRecognizer}). Requests keep being answered with the old
 * model and index until the new index is loaded; enrolments take the new model from the moment it is loaded.
 *
 * <p>It looks every {@code MODEL_SWITCH_POLL_INTERVAL} (2 s), and at once when woken: by the switch-over or rollback
 * on this replica, and by an enrolment the database refused because the model changed. One check runs at a time. A
 * pack that cannot be loaded is logged and counted and tried again after a minute; meanwhile the replica goes on
 * identifying with its model, and its enrolments are refused (503, retryable) rather than stored with the wrong one.
 */
public final class RecognizerSwitcher implements AutoCloseable {
    static final String ACTIVE = "facerec.recognizer.active";
    static final String LOADING = "facerec.recognizer.loading";
    static final String FAILURES = "facerec.recognizer.switch.failures";
    private static final Logger log = LoggerFactory.getLogger(RecognizerSwitcher.class);
    private static final Duration RETRY_FAILED_LOAD = Duration.ofMinutes(1);

    private final ActiveRecognizer recognizers;
    private final Supplier<Optional<String>> wanted;
    private final Function<String, FaceEngine> engines;
    private final Supplier<GalleryIndex> indexes;
    private final FaceRepository faces;
    private final Duration retireAfter;
    private final MeterRegistry registry;
    private final Counter failures;
    private final CoalescingTask check;
    private final PeriodicJob poll;
    private final ScheduledExecutorService retirements = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("recognizer-retire").daemon(true).factory());
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();

    /**
     * @param wanted the model a migration made the faces' (read on every check); empty before the first migration,
     *     when the configured recognizer stays
     * @param engines loads (or hands over) the engine of a recognizer pack, verified; throws if it cannot
     * @param indexes a new, empty gallery index for a recognizer being prepared
     */
    RecognizerSwitcher(
            ActiveRecognizer recognizers,
            Supplier<Optional<String>> wanted,
            Function<String, FaceEngine> engines,
            Supplier<GalleryIndex> indexes,
            FaceRepository faces,
            Duration pollInterval,
            Duration retireAfter,
            MeterRegistry registry) {
        this.recognizers = requireNonNull(recognizers, "recognizers is null");
        this.wanted = requireNonNull(wanted, "wanted is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.indexes = requireNonNull(indexes, "indexes is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.retireAfter = requireNonNull(retireAfter, "retireAfter is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.failures = Counter.builder(FAILURES)
                .description("switches to another recognizer that failed (pack not loadable, index not built)")
                .register(registry);
        Gauge.builder(LOADING, recognizers, r -> r.pending().isPresent() ? 1 : 0)
                .description("1 while this replica loads another recognizer and its index beside the one serving")
                .strongReference(true)
                .register(registry);
        gauge(recognizers.active().modelId());
        this.check = new CoalescingTask("recognizer-switch", this::check);
        this.poll = new PeriodicJob("recognizer-watch", pollInterval, check::signal);
    }

    /** Starts watching (once the service is ready: the start-up index is loaded by then). */
    void start() {
        poll.start();
        check.signal();
    }

    /** Looks at once, on the switch's own thread; the caller does not wait. */
    public void wakeUp() {
        check.signal();
    }

    /** Waits up to {@code limit} until this replica serves {@code model}; whether it does. */
    boolean awaitServing(String model, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!recognizers.model().id().equals(model)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** One look: switches if the database's model is not the one served. Runs on the switch's own thread. */
    void check() {
        Optional<String> persisted = wanted.get();
        if (persisted.isEmpty() || recognizers.active().modelId().equals(persisted.get())) {
            return;
        }
        String model = persisted.get();
        Long failed = failedAt.get(model);
        if (failed != null && System.nanoTime() - failed < RETRY_FAILED_LOAD.toNanos()) {
            return;
        }
        switchTo(model);
    }

    private void switchTo(String model) {
        long started = System.nanoTime();
        String from = recognizers.active().modelId();
        log.info("Switching the recognizer from {} to {}: the database keeps the faces in {}", from, model, model);
        FaceEngine engine;
        try {
            engine = engines.apply(model);
        } catch (RuntimeException e) {
            failed(model, "its pack cannot be loaded", e);
            return;
        }
        GalleryIndex index = indexes.get();
        Recognizer next = new Recognizer(
                engine.decoder(),
                engine.detector(),
                engine.embedder(),
                index,
                new IndexSynchronizer(faces, index, model, FaceUseCaseConfiguration.REBUILD_PROGRESS_EVERY),
                () -> {
                    engine.close();
                    if (index instanceof AutoCloseable closeable) {
                        closeable.close();
                    }
                });
        boolean prepared = false;
        try {
            recognizers.prepare(next);
            prepared = true;
            long indexed = next.synchronizer().rebuild();
            next.synchronizer().catchUp();
            if (!wanted.get().equals(Optional.of(model))) {
                log.info("The database went back to {} while {} was loading: switch abandoned", from, model);
                recognizers.abandon(next);
                return;
            }
            Recognizer previous = recognizers.activate(next);
            gauge(model);
            failedAt.remove(model);
            log.info(
                    "Recognizer switched from {} to {} in {} ms ({} faces indexed); the old one is retired in {}",
                    from,
                    model,
                    (System.nanoTime() - started) / 1_000_000,
                    indexed,
                    retireAfter);
            retirements.schedule(() -> recognizers.retire(previous), retireAfter.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            if (prepared) {
                recognizers.abandon(next);
            } else {
                closeQuietly(next);
            }
            failed(model, "its index could not be built", e);
        }
    }

    private void failed(String model, String why, RuntimeException e) {
        failures.increment();
        failedAt.put(model, System.nanoTime());
        log.error(
                "The recognizer cannot switch to {}: {} ({}). This replica keeps serving {}, refuses enrolments until"
                        + " it switches, and tries again in {}",
                model,
                why,
                e.getMessage(),
                recognizers.active().modelId(),
                RETRY_FAILED_LOAD,
                e);
    }

    /** {@code facerec.recognizer.active{model}}: 1 for the model this replica serves, 0 for those it served before. */
    private void gauge(String model) {
        if (gauged.add(model)) {
            Gauge.builder(ACTIVE, recognizers, r -> r.model().id().equals(model) ? 1 : 0)
                    .description("1 for the recognizer this replica identifies with")
                    .tag("model", model)
                    .strongReference(true)
                    .register(registry);
        }
    }

    private static void closeQuietly(Recognizer recognizer) {
        try {
            recognizer.resources().close();
        } catch (Exception e) {
            log.warn("Closing recognizer {} failed: {}", recognizer.modelId(), e.toString());
        }
    }

    @Override
    public void close() {
        poll.close();
        check.close();
        // Recognizers still retiring are closed with the ActiveRecognizer at shutdown.
        retirements.shutdownNow();
    }
}
