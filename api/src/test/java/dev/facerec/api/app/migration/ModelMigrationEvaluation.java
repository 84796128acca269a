package dev.facerec.api.app.migration;

import dev.facerec.core.access.Actor;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.index.GalleryIndex;
import dev.facerec.core.migration.MigrateModel;
import dev.facerec.core.migration.MigrationPass;
import dev.facerec.core.migration.MigrationProgress;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The figure of docs/model-migration.md ({@code make eval-migration}): enrols lfw-dev with the source pack into the
 * embedded database, migrates every face to the target pack with the service's pass, switches over, and identifies
 * one held-out photo per person in an index built as the service builds it. Beside it, measured in the same run, the
 * reference: the same gallery enrolled with the target pack directly. Prints faces/s of the pass, rank-1 and TPIR
 * (best candidate is the right person and reaches the target pack's standard threshold) of both.
 *
 * <p>Arguments: data folder (lfw-dev), models folder, work folder, source pack, target pack, people (0: every person
 * with at least two photos), photos enrolled per person at most.
 */
public final class ModelMigrationEvaluation {
    private ModelMigrationEvaluation() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Path models = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        String sourcePack = args[3];
        String targetPack = args[4];
        int peopleLimit = Integer.parseInt(args[5]);
        int perPerson = Integer.parseInt(args[6]);

        MlConfig config = MlConfig.defaults(models);
        try (AnnotationConfigApplicationContext context = database(work.resolve("db-" + UUID.randomUUID()));
                FaceEngine source = FaceEngine.start(config.withRecognizerPack(sourcePack));
                FaceEngine target = FaceEngine.start(config.withRecognizerPack(targetPack));
                InMemoryGalleryIndex reference = new InMemoryGalleryIndex(IndexConfig.defaults())) {
            ImageStore images =
                    new LocalFolderImageStore(new StorageConfig(work.resolve("images-" + UUID.randomUUID())));
            FaceRepository faces = context.getBean(FaceRepository.class);
            UUID galleryId = context.getBean(GalleryRepository.class)
                    .create(new Gallery(UUID.randomUUID(), "lfw", Instant.now()))
                    .id();
            PersonRepository persons = context.getBean(PersonRepository.class);
            Map<UUID, String> names = new HashMap<>();
            List<Path> probes = new ArrayList<>();
            long enrolStart = System.nanoTime();
            int enrolled = 0;
            int skipped = 0;
            for (List<Path> photos : people(data.resolve("images"), peopleLimit)) {
                String name = photos.getFirst().getParent().getFileName().toString();
                Instant now = Instant.now();
                Person person = persons.create(new Person(UUID.randomUUID(), galleryId, name, null, "{}", now, now));
                names.put(person.id(), name);
                probes.add(photos.getLast());
                for (Path photo : photos.subList(0, Math.min(perPerson, photos.size() - 1))) {
                    byte[] bytes = Files.readAllBytes(photo);
                    DecodedImage image = source.decoder().decode(bytes);
                    Optional<DetectedFace> face = largest(source, image);
                    if (face.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    Embedding embedding =
                            source.embedder().embed(image, List.of(face.get())).getFirst();
                    EnrolledFace added = faces.add(
                            new EnrolledFace(
                                    UUID.randomUUID(),
                                    person.id(),
                                    galleryId,
                                    images.put(bytes, "image/jpeg"),
                                    "00".repeat(32),
                                    face.get(),
                                    0.9f,
                                    embedding,
                                    Instant.now()),
                            () -> {});
                    reference.add(
                            galleryId,
                            person.id(),
                            added.id(),
                            target.embedder().embed(image, List.of(face.get())).getFirst());
                    enrolled++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "Enrolled %d faces of %d people with %s (%d photos without a face) in %.0f s%n",
                    enrolled,
                    names.size(),
                    sourcePack,
                    skipped,
                    (System.nanoTime() - enrolStart) / 1e9);

            ModelEmbeddings embeddings = context.getBean(ModelEmbeddings.class);
            ModelMigrations migrations = context.getBean(ModelMigrations.class);
            MigrateModel migrate = new MigrateModel(embeddings, migrations, Clock.systemUTC());
            migrate.start(Actor.system(), sourcePack, targetPack);
            long passStart = System.nanoTime();
            MigrationProgress done = new MigrationPass(
                            embeddings, migrations, images, target.decoder(), target.embedder(), Clock.systemUTC(), 64)
                    .run(() -> false)
                    .orElseThrow();
            double seconds = (System.nanoTime() - passStart) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "Migration pass to %s: %s, %d of %d faces, %d failed, %.1f s, %.1f faces/s%n",
                    targetPack,
                    done.state(),
                    done.done(),
                    done.total(),
                    done.failed(),
                    seconds,
                    done.done() / seconds);
            migrate.switchOver(Actor.system());

            try (InMemoryGalleryIndex migrated = new InMemoryGalleryIndex(IndexConfig.defaults())) {
                new IndexSynchronizer(faces, migrated, targetPack, 100_000).rebuild();
                float threshold = target.embedder().model().thresholds().standard();
                int[] migratedCounts = new int[2];
                int[] referenceCounts = new int[2];
                int probed = 0;
                for (Path probe : probes) {
                    DecodedImage image = target.decoder().decode(Files.readAllBytes(probe));
                    Optional<DetectedFace> face = largest(target, image);
                    if (face.isEmpty()) {
                        continue;
                    }
                    probed++;
                    Embedding query =
                            target.embedder().embed(image, List.of(face.get())).getFirst();
                    String person = probe.getParent().getFileName().toString();
                    count(migrated.search(galleryId, query, 1), names, person, threshold, migratedCounts);
                    count(reference.search(galleryId, query, 1), names, person, threshold, referenceCounts);
                }
                System.out.printf(
                        Locale.ROOT,
                        "Identify with %s, %d probes (one held-out photo per person), threshold %.3f%n",
                        targetPack,
                        probed,
                        threshold);
                System.out.printf(
                        Locale.ROOT,
                        "  %-38s rank-1 %.4f  TPIR %.4f%n",
                        "migrated from " + sourcePack,
                        migratedCounts[0] / (double) probed,
                        migratedCounts[1] / (double) probed);
                System.out.printf(
                        Locale.ROOT,
                        "  %-38s rank-1 %.4f  TPIR %.4f%n",
                        "enrolled with " + targetPack + " (reference)",
                        referenceCounts[0] / (double) probed,
                        referenceCounts[1] / (double) probed);
            }
        }
    }

    private static void count(
            List<GalleryIndex.Candidate> top, Map<UUID, String> names, String person, float threshold, int[] counts) {
        if (!top.isEmpty() && person.equals(names.get(top.getFirst().personId()))) {
            counts[0]++;
            if (top.getFirst().similarity() >= threshold) {
                counts[1]++;
            }
        }
    }

    private static Optional<DetectedFace> largest(FaceEngine engine, DecodedImage image) {
        return engine.detector().detect(image).stream()
                .max(Comparator.comparingDouble(
                        face -> face.box().width() * face.box().height()));
    }

    /** Each person's photos in name order, for people with at least two, in name order. */
    private static List<List<Path>> people(Path images, int limit) throws IOException {
        List<List<Path>> people = new ArrayList<>();
        try (Stream<Path> folders = Files.list(images)) {
            for (Path folder : folders.sorted().toList()) {
                try (Stream<Path> photos = Files.list(folder)) {
                    List<Path> sorted = photos.sorted().toList();
                    if (sorted.size() >= 2) {
                        people.add(sorted);
                    }
                }
                if (limit > 0 && people.size() >= limit) {
                    break;
                }
            }
        }
        return people;
    }

    private static AnnotationConfigApplicationContext database(Path directory) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(DatabaseSettings.class, () -> DatabaseSettings.embedded(directory));
        context.registerBean(KeyRing.class, () -> KeyRing.of("model-migration-evaluation-" + UUID.randomUUID()));
        context.registerBean(Clock.class, Clock::systemUTC);
        context.register(PersistenceConfiguration.class);
        context.refresh();
        return context;
    }
}
