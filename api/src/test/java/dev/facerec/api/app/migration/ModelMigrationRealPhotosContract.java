package dev.facerec.api.app.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.migration.MigrateModel;
import dev.facerec.core.migration.MigrationPass;
import dev.facerec.core.migration.MigrationProgress;
import dev.facerec.core.migration.MigrationProgress.State;
import dev.facerec.core.migration.ModelEmbeddings;
import dev.facerec.core.migration.ModelMigrations;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import dev.facerec.persistence.DatabaseSettings;
import dev.facerec.persistence.PersistenceConfiguration;
import dev.facerec.storage.StorageConfig;
import dev.facerec.storage.local.LocalFolderImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A model migration on real photos, real models and a real database: lfw-dev photos of a few people enrolled with
 * {@code faceplugin-512}, migrated to {@code mobilefacenet-128} by the background pass (stopped half-way and resumed
 * by a new pass, as after a crash), with one face erased and one enrolled meanwhile; after the switch-over an index
 * built as the service builds it names the right people with the new model, and a rollback restores the old one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ModelMigrationRealPhotosContract {
    static final String SOURCE = "faceplugin-512";
    static final String TARGET = "mobilefacenet-128";
    private static final List<String> PEOPLE =
            List.of("Colin_Powell", "Tony_Blair", "Hugo_Chavez", "Jacques_Chirac", "Laura_Bush");
    private static final int ENROLLED_PER_PERSON = 6;
    private static final int PROBES_PER_PERSON = 2;
    private static final Actor ADMIN = Actor.system();

    private AnnotationConfigApplicationContext context;
    private FaceEngine source;
    private FaceEngine target;
    private ImageStore images;
    private FaceRepository faces;
    private ModelEmbeddings embeddings;
    private ModelMigrations migrations;
    private MigrateModel migrate;
    private UUID galleryId;
    private final Map<UUID, String> personNames = new LinkedHashMap<>();
    private final Map<String, UUID> personIds = new LinkedHashMap<>();

    abstract DatabaseSettings openDatabase(Path temporaryDirectory);

    abstract void closeDatabase();

    @BeforeAll
    void start(@TempDir Path temporaryDirectory) {
        context = new AnnotationConfigApplicationContext();
        DatabaseSettings settings = openDatabase(temporaryDirectory.resolve("db"));
        context.registerBean(DatabaseSettings.class, () -> settings);
        context.registerBean(KeyRing.class, () -> KeyRing.of("model-migration-test-secret-0123456789abcdef"));
        context.registerBean(Clock.class, Clock::systemUTC);
        context.register(PersistenceConfiguration.class);
        context.refresh();
        faces = context.getBean(FaceRepository.class);
        embeddings = context.getBean(ModelEmbeddings.class);
        migrations = context.getBean(ModelMigrations.class);
        migrate = new MigrateModel(embeddings, migrations, Clock.systemUTC());
        images = new LocalFolderImageStore(new StorageConfig(temporaryDirectory.resolve("images")));
        MlConfig config = MlConfig.defaults(Path.of(System.getProperty("facerec.models.dir")));
        source = FaceEngine.start(config.withRecognizerPack(SOURCE));
        target = FaceEngine.start(config.withRecognizerPack(TARGET));
    }

    @AfterAll
    void stop() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
        if (context != null) {
            context.close();
        }
        closeDatabase();
    }

    @Test
    void migratesEveryFaceResumesAfterAStopAndIdentifiesWithTheNewModel() throws IOException {
        enrolGallery();
        List<EnrolledFace> enrolled = new ArrayList<>();
        faces.forEachFace(SOURCE, face -> {
            if (face.galleryId().equals(galleryId)) {
                enrolled.add(face);
            }
        });
        assertThat(enrolled).hasSize(PEOPLE.size() * ENROLLED_PER_PERSON);
        // Not one of Colin Powell's: his first face is compared with a fresh embedding below.
        EnrolledFace erased = enrolled.stream()
                .filter(face -> !personNames.get(face.personId()).equals("Colin_Powell"))
                .toList()
                .get(3);

        MigrationProgress started = migrate.start(ADMIN, SOURCE, TARGET);
        assertThat(started.total()).isEqualTo(enrolled.size());
        assertThatThrownBy(() -> migrate.start(ADMIN, SOURCE, TARGET)).isInstanceOf(FaceException.class);
        assertThatThrownBy(() -> migrate.start(new Actor("operator", null), SOURCE, TARGET))
                .isInstanceOf(FaceException.class);
        assertThatThrownBy(() -> migrate.switchOver(ADMIN)).isInstanceOf(FaceException.class);

        // A first pass stops after 10 faces, as a replica that dies mid-pass.
        AtomicInteger asked = new AtomicInteger();
        MigrationProgress stopped =
                pass().run(() -> asked.incrementAndGet() > 10).orElseThrow();
        assertThat(stopped.state()).isEqualTo(State.STOPPED);
        assertThat(stopped.done()).isEqualTo(10);
        assertThat(migrations.latest().orElseThrow().done()).isEqualTo(10);

        // Meanwhile a face is erased (its image with it) and a new one is enrolled with the old model.
        faces.delete(erased.id());
        EnrolledFace late =
                enrol(personIds.get("Tony_Blair"), photo("Tony_Blair", ENROLLED_PER_PERSON + PROBES_PER_PERSON));

        // A new pass (a restarted replica) goes on from the data and counts what the first did.
        MigrationProgress complete = pass().run(() -> false).orElseThrow();
        assertThat(complete.state()).isEqualTo(State.COMPLETE);
        assertThat(complete.failed()).isZero();
        assertThat(complete.done()).isEqualTo(complete.total());
        assertThat(complete.facesPerSecond()).isPositive();
        assertThat(embeddings.countWithout(TARGET)).isZero();
        assertThat(embeddings.find(erased.id(), TARGET)).isEmpty();
        assertThat(embeddings.find(late.id(), TARGET)).isPresent();
        // The re-embedding is the new pack's own embedding of the stored face.
        Embedding again = target.embedder()
                .embed(decode(photo("Colin_Powell", 1)), List.of(detect(target, photo("Colin_Powell", 1))))
                .getFirst();
        UUID firstPowell = enrolled.stream()
                .filter(face -> personNames.get(face.personId()).equals("Colin_Powell"))
                .min(Comparator.comparing(EnrolledFace::createdAt))
                .orElseThrow()
                .id();
        assertThat(embeddings.find(firstPowell, TARGET).orElseThrow().similarity(again))
                .isGreaterThan(0.99f);

        MigrationProgress switched = migrate.switchOver(ADMIN);
        assertThat(switched.state()).isEqualTo(State.SWITCHED);
        assertThat(migrate.activeModel(SOURCE)).isEqualTo(TARGET);
        assertThat(faces.find(erased.id())).isEmpty();

        assertThat(identifyEveryProbe(target.embedder()))
                .allSatisfy((probe, named) ->
                        assertThat(named).as(probe).isEqualTo(probe.substring(0, probe.lastIndexOf('_'))));

        // Rollback: the old model again, every face as it was.
        migrate.rollBack(ADMIN);
        assertThat(migrate.activeModel(SOURCE)).isEqualTo(SOURCE);
        assertThat(identifyEveryProbe(source.embedder()))
                .allSatisfy((probe, named) ->
                        assertThat(named).as(probe).isEqualTo(probe.substring(0, probe.lastIndexOf('_'))));
    }

    /** Every probe photo (never enrolled) searched in an index built as the service builds it, for the model. */
    private Map<String, String> identifyEveryProbe(FaceEmbedder embedder) throws IOException {
        String modelId = embedder.model().id();
        try (InMemoryGalleryIndex index = new InMemoryGalleryIndex(IndexConfig.defaults())) {
            new IndexSynchronizer(faces, index, modelId, 1000).rebuild();
            assertThat(index.size(galleryId, modelId)).isEqualTo(PEOPLE.size() * ENROLLED_PER_PERSON);
            Map<String, String> named = new LinkedHashMap<>();
            for (String person : PEOPLE) {
                for (int i = ENROLLED_PER_PERSON + 1; i <= ENROLLED_PER_PERSON + PROBES_PER_PERSON; i++) {
                    Path photo = photo(person, i);
                    DecodedImage image = decode(photo);
                    Embedding query = embedder.embed(image, List.of(detect(source, photo)))
                            .getFirst();
                    assertThat(query.modelId()).isEqualTo(modelId);
                    List<GalleryIndex.Candidate> top = index.search(galleryId, query, 1);
                    assertThat(top.getFirst().similarity())
                            .isGreaterThanOrEqualTo(
                                    embedder.model().thresholds().standard());
                    named.put(
                            photo.getFileName().toString().replace(".jpg", ""),
                            personNames.get(top.getFirst().personId()));
                }
            }
            return named;
        }
    }

    private MigrationPass pass() {
        return new MigrationPass(
                embeddings, migrations, images, target.decoder(), target.embedder(), Clock.systemUTC(), 8);
    }

    private void enrolGallery() throws IOException {
        GalleryRepository galleries = context.getBean(GalleryRepository.class);
        PersonRepository persons = context.getBean(PersonRepository.class);
        galleryId = galleries
                .create(new Gallery(UUID.randomUUID(), "migration-" + UUID.randomUUID(), Instant.now()))
                .id();
        for (String name : PEOPLE) {
            Instant now = Instant.now();
            Person person = persons.create(new Person(UUID.randomUUID(), galleryId, name, null, "{}", now, now));
            personNames.put(person.id(), name);
            personIds.put(name, person.id());
            for (int i = 1; i <= ENROLLED_PER_PERSON; i++) {
                enrol(person.id(), photo(name, i));
            }
        }
    }

    private EnrolledFace enrol(UUID personId, Path photo) throws IOException {
        byte[] bytes = Files.readAllBytes(photo);
        DetectedFace face = detect(source, photo);
        Embedding embedding =
                source.embedder().embed(decode(photo), List.of(face)).getFirst();
        String key = images.put(bytes, "image/jpeg");
        return faces.add(
                new EnrolledFace(
                        UUID.randomUUID(),
                        personId,
                        galleryId,
                        key,
                        "00".repeat(32),
                        face,
                        0.9f,
                        embedding,
                        Instant.now()),
                () -> {});
    }

    private DecodedImage decode(Path photo) throws IOException {
        return source.decoder().decode(Files.readAllBytes(photo));
    }

    /** The largest face of the photo (lfw photos show their subject in the middle, largest). */
    private DetectedFace detect(FaceEngine engine, Path photo) throws IOException {
        return engine.detector().detect(decode(photo)).stream()
                .max(Comparator.comparingDouble(
                        face -> face.box().width() * face.box().height()))
                .orElseThrow();
    }

    private static Path photo(String person, int number) {
        return Path.of(
                System.getProperty("facerec.data.dir"),
                "lfw-dev/images",
                person,
                "%s_%04d.jpg".formatted(person, number));
    }
}
