package dev.facerec.core.recognizer;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.index.GalleryIndex;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The recognizer this replica serves with, switchable while it serves: the seam between a model migration's
 * switch-over (or rollback) and every use case. Use cases hold the views ({@link #decoder()}, {@link #detector()},
 * {@link #embedder()}, {@link #enrolmentEmbedder()}, {@link #index()}), which always reach the right recognizer, so no
 * use case knows that the model can change.
 *
 * <p>A switch has three steps, each atomic: {@link #prepare} a recognizer of the new model (loaded, its index still
 * empty), whose model enrolments use from then on, so faces enrolled during the switch get the new embedding; load
 * its index (its synchronizer's rebuild) while identification still runs on the old model and the old index;
 * {@link #activate} it, after which every new request embeds with the new model and searches the new index. The old
 * recognizer stays reachable by the index view for requests that embedded with it before the switch, until
 * {@link #retire} closes it.
 *
 * <p>Embeddings of different models never meet: the index view routes every call by the embedding's model, a search
 * with a model that no index here holds any more fails with a retryable {@code UNAVAILABLE} ({@link ModelSwitch}), and
 * an addition reaches only the index of its own model.
 */
public final class ActiveRecognizer implements AutoCloseable {
    private static final System.Logger log = System.getLogger(ActiveRecognizer.class.getName());

    private final AtomicReference<State> state;
    private final Object changes = new Object();
    private final ImageDecoder decoder = new RecognizerViews.Decoder(this);
    private final FaceDetector detector = new RecognizerViews.Detector(this);
    private final FaceEmbedder embedder = new RecognizerViews.Embedder(this, false);
    private final FaceEmbedder enrolmentEmbedder = new RecognizerViews.Embedder(this, true);
    private final GalleryIndex index = new RecognizerViews.Index(this);

    /** Serving with {@code initial}, whose index the caller loads ({@link #rebuild()}) before traffic comes. */
    public ActiveRecognizer(Recognizer initial) {
        state = new AtomicReference<>(new State(requireNonNull(initial, "initial is null"), null, List.of()));
    }

    /** The recognizer requests are answered with. */
    public Recognizer active() {
        return state.get().active();
    }

    /** The recognizer being prepared, if a switch is under way. */
    public Optional<Recognizer> pending() {
        return Optional.ofNullable(state.get().pending());
    }

    /** The model requests are answered with. */
    public RecognitionModel model() {
        return active().embedder().model();
    }

    /** Every recognizer held: the active one, the one being prepared, and those not yet retired. */
    public List<Recognizer> all() {
        return state.get().all();
    }

    /** The image decoder of the active recognizer. */
    public ImageDecoder decoder() {
        return decoder;
    }

    /** The face detector of the active recognizer. */
    public FaceDetector detector() {
        return detector;
    }

    /** The embedder of the active recognizer: what queries (identify, verify, compare) embed with. */
    public FaceEmbedder embedder() {
        return embedder;
    }

    /**
     * What enrolments embed with: the recognizer being prepared during a switch (the database keeps faces in its
     * model already), otherwise the active one.
     */
    public FaceEmbedder enrolmentEmbedder() {
        return enrolmentEmbedder;
    }

    /** The gallery index of every recognizer held, each call routed by its embedding's model. */
    public GalleryIndex index() {
        return index;
    }

    /** Loads the active recognizer's index from the database (at start-up); the faces loaded. */
    public long rebuild() {
        return active().synchronizer().rebuild();
    }

    /**
     * Applies the change log to every loaded index held (the active one's, and a prepared or retiring one's, so an
     * erasure reaches them all); how many changes were applied to the active one. Every index is tried; the first
     * failure is thrown after.
     */
    public int catchUp() {
        RuntimeException failure = null;
        int applied = 0;
        Recognizer active = active();
        for (Recognizer recognizer : all()) {
            if (!recognizer.indexLoaded()) {
                continue;
            }
            try {
                int count = recognizer.synchronizer().catchUp();
                if (recognizer == active) {
                    applied = count;
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return applied;
    }

    /**
     * Starts a switch to {@code next}, a recognizer of another model with its index not yet loaded: enrolments embed
     * with it from now on, and index additions of its model reach its index.
     *
     * @throws IllegalStateException if another switch is being prepared, or {@code next} is of the active model
     */
    public void prepare(Recognizer next) {
        requireNonNull(next, "next is null");
        synchronized (changes) {
            State current = state.get();
            if (current.pending() != null) {
                throw new IllegalStateException(
                        "a switch to " + current.pending().modelId() + " is under way");
            }
            if (current.active().modelId().equals(next.modelId())) {
                throw new IllegalStateException("the service already serves with " + next.modelId());
            }
            state.set(new State(current.active(), next, current.retiring()));
        }
        log.log(Level.INFO, "Recognizer {0} prepared beside {1}", next.modelId(), active().modelId());
    }

    /**
     * Makes the prepared recognizer the active one; the previous one stays reachable for requests under way until
     * {@link #retire}d.
     *
     * @return the previous active recognizer
     * @throws IllegalStateException if {@code next} is not the one prepared, or its index is not loaded
     */
    public Recognizer activate(Recognizer next) {
        requireNonNull(next, "next is null");
        Recognizer previous;
        synchronized (changes) {
            State current = state.get();
            if (current.pending() != next) {
                throw new IllegalStateException(next + " is not the recognizer being prepared");
            }
            if (!next.indexLoaded()) {
                throw new IllegalStateException("the index of " + next.modelId() + " is not loaded");
            }
            previous = current.active();
            List<Recognizer> retiring = new ArrayList<>(current.retiring());
            retiring.add(previous);
            state.set(new State(next, null, retiring));
        }
        log.log(Level.INFO, "Recognizer switched from {0} to {1}", previous.modelId(), next.modelId());
        return previous;
    }

    /** Gives up a switch: the prepared recognizer is dropped and closed (a failed load, or the database went back). */
    public void abandon(Recognizer next) {
        requireNonNull(next, "next is null");
        synchronized (changes) {
            State current = state.get();
            if (current.pending() != next) {
                return;
            }
            state.set(new State(current.active(), null, current.retiring()));
        }
        log.log(Level.INFO, "Switch to recognizer {0} abandoned", next.modelId());
        close(next);
    }

    /** Closes a recognizer made inactive by {@link #activate}, once no request can still be using it. */
    public void retire(Recognizer previous) {
        requireNonNull(previous, "previous is null");
        synchronized (changes) {
            State current = state.get();
            if (!current.retiring().contains(previous)) {
                return;
            }
            List<Recognizer> retiring = new ArrayList<>(current.retiring());
            retiring.remove(previous);
            state.set(new State(current.active(), current.pending(), retiring));
        }
        close(previous);
    }

    /** Closes every recognizer held (at shutdown). */
    @Override
    public void close() {
        List<Recognizer> held;
        synchronized (changes) {
            held = state.get().all();
        }
        held.forEach(ActiveRecognizer::close);
    }

    private static void close(Recognizer recognizer) {
        try {
            recognizer.resources().close();
        } catch (Exception e) {
            log.log(Level.WARNING, "Closing recognizer " + recognizer.modelId() + " failed", e);
        }
    }

    State state() {
        return state.get();
    }

    /** One immutable snapshot, so a view reads the active, prepared and retiring recognizers of one moment. */
    record State(Recognizer active, Recognizer pending, List<Recognizer> retiring) {
        State {
            retiring = List.copyOf(retiring);
        }

        List<Recognizer> all() {
            List<Recognizer> all = new ArrayList<>();
            all.add(active);
            if (pending != null) {
                all.add(pending);
            }
            all.addAll(retiring);
            return List.copyOf(all);
        }

        /** The recognizer whose index answers searches with {@code modelId}: the active one, or one retiring. */
        Optional<Recognizer> searchable(String modelId) {
            if (active.modelId().equals(modelId)) {
                return Optional.of(active);
            }
            return retiring.stream().filter(r -> r.modelId().equals(modelId)).findFirst();
        }

        /** Every recognizer whose index holds {@code modelId} embeddings. */
        List<Recognizer> holding(String modelId) {
            return all().stream().filter(r -> r.modelId().equals(modelId)).toList();
        }

        Recognizer enrolling() {
            return pending != null ? pending : active;
        }
    }
}
