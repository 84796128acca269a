package dev.facerec.core.testing;

import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.quality.QualityPolicy;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.recognizer.ModelGuard;
import dev.facerec.core.recognizer.Recognizer;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.core.usecase.ManageGalleries;
import dev.facerec.core.usecase.ManagePersons;
import dev.facerec.core.usecase.SubjectFace;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Every port as an in-memory fake, wired to each other: the set a use-case test or a web slice starts from. One
 * instance per test (or {@link #reset()} between tests).
 */
public final class FakePipeline {
    public final InMemoryDatabase database = new InMemoryDatabase();
    public final InMemoryImageStore images = new InMemoryImageStore();
    public final InMemoryGalleryIndex index = new InMemoryGalleryIndex();
    public final InMemoryEmbeddingCache cache = new InMemoryEmbeddingCache();
    public final FakeImageDecoder decoder = new FakeImageDecoder();
    public final FakeFaceDetector detector = new FakeFaceDetector();
    public final FakeFaceEmbedder embedder = new FakeFaceEmbedder();
    /** Every gallery is open until a test names callers for it. */
    public final InMemoryGalleryAccess accessLists = new InMemoryGalleryAccess();

    public GalleryRepository galleries() {
        return database.galleries();
    }

    public PersonRepository persons() {
        return database.persons();
    }

    public FaceRepository faces() {
        return database.faces();
    }

    /** The rule of restricted galleries over {@link #accessLists}. */
    public GalleryAccess galleryAccess() {
        return new GalleryAccess(accessLists, persons());
    }

    public ImageStore imageStore() {
        return images;
    }

    public GalleryIndex galleryIndex() {
        return index;
    }

    public EmbeddingCache embeddingCache() {
        return cache;
    }

    /**
     * An {@link ActiveRecognizer} serving with this pipeline's decoder, detector, embedder and index, as the service
     * wires its use cases (a new one per call; its index is not loaded).
     */
    public ActiveRecognizer activeRecognizer() {
        return new ActiveRecognizer(new Recognizer(
                decoder,
                detector,
                embedder,
                index,
                new IndexSynchronizer(faces(), index, embedder.model().id(), 1000),
                () -> {}));
    }

    /** Gallery writes over these fakes, for the embedder's model. */
    public ManageGalleries manageGalleries(Clock clock, DomainEvents events) {
        return new ManageGalleries(galleryAccess(), galleries(), faces(), images, index, cache, model(), clock, events);
    }

    /** Person writes over these fakes, for the embedder's model. */
    public ManagePersons managePersons(Clock clock, DomainEvents events) {
        return new ManagePersons(
                galleryAccess(), galleries(), persons(), faces(), images, index, cache, model(), clock, events);
    }

    /** The embedder's model as it is now, fixed: as the use cases of a replica that never switches see it. */
    private Supplier<String> model() {
        String id = embedder.model().id();
        return () -> id;
    }

    /** Enrolment over these fakes with the enrolment quality gate, as the service wires it, any model allowed. */
    public EnrollFace enrollFace(Clock clock, DomainEvents events) {
        return enrollFace(clock, events, ModelGuard.ANY);
    }

    /** Enrolment as {@link #enrollFace(Clock, DomainEvents)}, with {@code guard} asked before each face is stored. */
    public EnrollFace enrollFace(Clock clock, DomainEvents events, ModelGuard guard) {
        return new EnrollFace(
                galleryAccess(),
                decoder,
                detector,
                embedder,
                persons(),
                faces(),
                images,
                index,
                new QualityGate(QualityPolicy.ENROLLMENT),
                new SubjectFace(QualityPolicy.ENROLLMENT, SubjectFace.DEFAULT_BACKGROUND_RATIO),
                clock,
                events,
                guard);
    }

    /** Empties every store and heals every injected failure. */
    public void reset() {
        database.clear();
        database.faces().failAdds(null);
        images.clear();
        images.failPuts(false);
        images.failDeletes(false);
        index.clear();
        index.failAdds(false);
        cache.clear();
        accessLists.clear();
        embedder.useModel("fake-recognizer");
        decoder.heal();
    }
}
