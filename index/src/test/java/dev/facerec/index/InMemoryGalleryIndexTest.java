package dev.facerec.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.index.GalleryIndex.Candidate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryGalleryIndexTest {
    private static final String MODEL = "model-512";
    private static final UUID GALLERY = UUID.randomUUID();

    private final Random random = new Random(11);
    private final List<InMemoryGalleryIndex> opened = new ArrayList<>();

    @TempDir
    Path vectorDirectory;

    @AfterEach
    void close() {
        opened.forEach(InMemoryGalleryIndex::close);
    }

    @Test
    void resultsEqualABruteForceFloat32SearchOnHeapInParallelAndFromMappedFiles() {
        IndexConfig small = IndexConfig.defaults().withVectorsOnHeap().withRerankDepth(64);
        check(open(small, new ScalarInt4Dot(Int4Layout.LANES_16)));
        // Both vector widths, whichever this machine's JIT compiles to single instructions.
        check(open(small, VectorInt4Dot.of(false)));
        check(open(small, VectorInt4Dot.of(true)));
        check(open(small.withScan(500, 2)));
        check(open(small.withHeapVectorLimit(700, vectorDirectory)));
    }

    private void check(InMemoryGalleryIndex searched) {
        Reference reference = new Reference();
        List<Embedding> centres = new ArrayList<>();
        for (int person = 0; person < 400; person++) {
            UUID personId = UUID.randomUUID();
            Embedding centre = Vectors.random(random, 512, MODEL);
            centres.add(centre);
            for (int face = 0; face < 1 + person % 4; face++) {
                reference.add(searched, personId, Vectors.near(centre, random, 0.8));
            }
        }
        for (int query = 0; query < 60; query++) {
            Embedding probe = query % 2 == 0
                    ? Vectors.near(centres.get(random.nextInt(centres.size())), random, 0.8)
                    : Vectors.random(random, 512, MODEL);
            assertThat(searched.search(GALLERY, probe, 5)).isEqualTo(reference.search(probe, 5));
        }
    }

    @Test
    void facesPerGalleryCountsEveryModelAndLeavesOutEmptiedGalleries() {
        InMemoryGalleryIndex index = open(IndexConfig.defaults());
        UUID other = UUID.randomUUID();
        UUID emptied = UUID.randomUUID();
        UUID face = UUID.randomUUID();
        index.add(GALLERY, UUID.randomUUID(), UUID.randomUUID(), Vectors.random(random, 512, MODEL));
        index.add(GALLERY, UUID.randomUUID(), UUID.randomUUID(), Vectors.random(random, 128, "model-128"));
        index.add(other, UUID.randomUUID(), UUID.randomUUID(), Vectors.random(random, 512, MODEL));
        index.add(emptied, UUID.randomUUID(), face, Vectors.random(random, 512, MODEL));
        index.remove(emptied, face);

        assertThat(index.facesPerGallery()).isEqualTo(Map.of(GALLERY, 2, other, 1));
    }

    @Test
    void theBestFaceOfAPersonStandsForThePersonOnce() {
        InMemoryGalleryIndex index = open(IndexConfig.defaults());
        UUID person = UUID.randomUUID();
        Embedding centre = Vectors.random(random, 512, MODEL);
        UUID closest = UUID.randomUUID();
        index.add(GALLERY, person, UUID.randomUUID(), Vectors.near(centre, random, 1.5));
        index.add(GALLERY, person, closest, Vectors.near(centre, random, 0.1));
        index.add(GALLERY, person, UUID.randomUUID(), Vectors.near(centre, random, 1.5));
        index.add(GALLERY, UUID.randomUUID(), UUID.randomUUID(), Vectors.random(random, 512, MODEL));

        List<Candidate> found = index.search(GALLERY, centre, 10);

        assertThat(found).hasSize(2);
        assertThat(found.getFirst().personId()).isEqualTo(person);
        assertThat(found.getFirst().faceId()).isEqualTo(closest);
        assertThat(found.getFirst().similarity()).isGreaterThan(found.get(1).similarity());
    }

    @Test
    void morePersonsAreFoundThanTheRerankDepthHoldsFacesFor() {
        InMemoryGalleryIndex index = open(IndexConfig.defaults().withRerankDepth(2));
        Embedding centre = Vectors.random(random, 512, MODEL);
        UUID crowded = UUID.randomUUID();
        for (int face = 0; face < 10; face++) {
            index.add(GALLERY, crowded, UUID.randomUUID(), Vectors.near(centre, random, 0.1));
        }
        index.add(GALLERY, UUID.randomUUID(), UUID.randomUUID(), Vectors.random(random, 512, MODEL));

        assertThat(index.search(GALLERY, centre, 2)).hasSize(2);
    }

    @Test
    void addingIsIdempotentAndReplacesThePersonAndVector() {
        InMemoryGalleryIndex index = open(IndexConfig.defaults());
        UUID face = UUID.randomUUID();
        UUID newPerson = UUID.randomUUID();
        Embedding first = Vectors.random(random, 512, MODEL);
        Embedding second = Vectors.random(random, 512, MODEL);
        index.add(GALLERY, UUID.randomUUID(), face, first);
        index.add(GALLERY, UUID.randomUUID(), face, first);
        index.add(GALLERY, newPerson, face, second);

        assertThat(index.size(GALLERY, MODEL)).isEqualTo(1);
        assertThat(index.search(GALLERY, second, 3))
                .containsExactly(new Candidate(newPerson, face, second.similarity(second)));
    }

    @Test
    void removingIsIdempotentAndKeepsTheOtherFacesFindable() {
        InMemoryGalleryIndex index = open(IndexConfig.defaults());
        List<UUID> faces = new ArrayList<>();
        List<Embedding> embeddings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            faces.add(UUID.randomUUID());
            embeddings.add(Vectors.random(random, 512, MODEL));
            index.add(GALLERY, UUID.randomUUID(), faces.getLast(), embeddings.getLast());
        }
        for (int i = 0; i < 50; i += 3) {
            assertThat(index.remove(GALLERY, faces.get(i))).isTrue();
            assertThat(index.remove(GALLERY, faces.get(i))).as("already gone").isFalse();
        }
        assertThat(index.remove(UUID.randomUUID(), faces.get(1))).isFalse();

        assertThat(index.size(GALLERY, MODEL)).isEqualTo(33);
        for (int i = 0; i < 50; i++) {
            List<Candidate> found = index.search(GALLERY, embeddings.get(i), 1);
            if (i % 3 == 0) {
                assertThat(found.getFirst().faceId()).isNotEqualTo(faces.get(i));
            } else {
                assertThat(found.getFirst().faceId()).isEqualTo(faces.get(i));
            }
        }
    }

    @Test
    void galleriesAndModelsAreIsolated() {
        InMemoryGalleryIndex index = open(IndexConfig.defaults());
        UUID other = UUID.randomUUID();
        Embedding face = Vectors.random(random, 512, MODEL);
        index.add(GALLERY, UUID.randomUUID(), UUID.randomUUID(), face);
        index.add(other, UUID.randomUUID(), UUID.randomUUID(), Vectors.random(random, 128, "model-128"));

        assertThat(index.search(other, face, 5)).isEmpty();
        assertThat(index.search(GALLERY, Vectors.random(random, 128, "model-128"), 5))
                .isEmpty();
        assertThat(index.search(UUID.randomUUID(), face, 5)).isEmpty();
        assertThat(index.size(GALLERY, "model-128")).isZero();
        assertThat(index.size(other, "model-128")).isEqualTo(1);

        assertThat(index.removeGallery(GALLERY)).as("faces it held").isEqualTo(1);
        assertThat(index.removeGallery(GALLERY)).isZero();
        assertThat(index.search(GALLERY, face, 5)).isEmpty();
        assertThat(index.size(other, "model-128")).isEqualTo(1);
    }

    @Test
    void aFaceReEmbeddedByAnotherModelLeavesItsOldPartition() {
        InMemoryGalleryIndex index = open(IndexConfig.defaults());
        UUID face = UUID.randomUUID();
        index.add(GALLERY, UUID.randomUUID(), face, Vectors.random(random, 512, MODEL));
        index.add(GALLERY, UUID.randomUUID(), face, Vectors.random(random, 128, "model-128"));

        assertThat(index.size(GALLERY, MODEL)).isZero();
        assertThat(index.size(GALLERY, "model-128")).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRejected() {
        InMemoryGalleryIndex index = open(IndexConfig.defaults());
        Embedding face = Vectors.random(random, 512, MODEL);
        index.add(GALLERY, UUID.randomUUID(), UUID.randomUUID(), face);

        assertThatThrownBy(() -> index.search(GALLERY, face, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(GALLERY, Vectors.random(random, 128, MODEL), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.add(GALLERY, UUID.randomUUID(), UUID.randomUUID(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("embedding is null");
    }

    @Test
    void memoryIsAccountedPerFaceAndReleasedWithTheGallery() {
        InMemoryGalleryIndex onHeap = open(IndexConfig.defaults().withVectorsOnHeap());
        InMemoryGalleryIndex mapped = open(IndexConfig.defaults().withHeapVectorLimit(100, vectorDirectory));
        assertThat(onHeap.memoryBytes()).isZero();
        for (int i = 0; i < 1000; i++) {
            Embedding face = Vectors.random(random, 512, MODEL);
            onHeap.add(GALLERY, UUID.randomUUID(), UUID.randomUUID(), face);
            mapped.add(GALLERY, UUID.randomUUID(), UUID.randomUUID(), face);
        }
        // 256 code bytes + 2048 float32 bytes a face, plus ids, scales, table and chunk slack below 2x.
        assertThat(onHeap.memoryBytes()).isBetween(1000L * (256 + 2048), 2000L * (256 + 2048));
        assertThat(onHeap.mappedBytes()).isZero();
        assertThat(mapped.memoryBytes()).isBetween(1000L * 256, 2000L * 340);
        assertThat(mapped.mappedBytes()).isPositive();

        onHeap.removeGallery(GALLERY);
        mapped.removeGallery(GALLERY);
        assertThat(onHeap.memoryBytes()).isZero();
        assertThat(mapped.mappedBytes()).isZero();
    }

    private InMemoryGalleryIndex open(IndexConfig config) {
        return open(config, Int4Dot.best());
    }

    private InMemoryGalleryIndex open(IndexConfig config, Int4Dot kernel) {
        InMemoryGalleryIndex index = new InMemoryGalleryIndex(config, kernel);
        opened.add(index);
        return index;
    }

    /** Exact float32 search by brute force: every face scored with Embedding.similarity, best face per person. */
    private static final class Reference {
        private final List<UUID> persons = new ArrayList<>();
        private final List<UUID> faces = new ArrayList<>();
        private final List<Embedding> embeddings = new ArrayList<>();

        void add(InMemoryGalleryIndex index, UUID personId, Embedding embedding) {
            UUID faceId = UUID.randomUUID();
            index.add(GALLERY, personId, faceId, embedding);
            persons.add(personId);
            faces.add(faceId);
            embeddings.add(embedding);
        }

        List<Candidate> search(Embedding query, int limit) {
            Map<UUID, Candidate> best = new HashMap<>();
            for (int i = 0; i < faces.size(); i++) {
                Candidate candidate = new Candidate(
                        persons.get(i), faces.get(i), embeddings.get(i).similarity(query));
                best.merge(persons.get(i), candidate, (a, b) -> a.similarity() >= b.similarity() ? a : b);
            }
            return best.values().stream()
                    .sorted(Comparator.comparingDouble(Candidate::similarity).reversed())
                    .limit(limit)
                    .toList();
        }
    }
}
