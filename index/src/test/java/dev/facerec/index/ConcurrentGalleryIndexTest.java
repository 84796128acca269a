package dev.facerec.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.index.GalleryIndex.Candidate;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentGalleryIndexTest {
    private static final String MODEL = "model-128";
    private static final UUID GALLERY = UUID.randomUUID();

    @Test
    void searchesDuringAddsAndRemovesNeverFailNorReturnFacesRemovedBeforeTheyStarted() throws Exception {
        // A low parallel threshold so that the split scan runs concurrently with writers too.
        try (InMemoryGalleryIndex index =
                        new InMemoryGalleryIndex(IndexConfig.defaults().withScan(200, 2));
                ExecutorService threads = Executors.newFixedThreadPool(6)) {
            Set<UUID> removed = ConcurrentHashMap.newKeySet();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> writers = IntStream.range(0, 3)
                    .mapToObj(writer -> threads.submit(() -> write(index, removed, new Random(writer))))
                    .<Future<?>>map(future -> future)
                    .toList();
            List<Future<Integer>> searchers = IntStream.range(0, 3)
                    .mapToObj(searcher ->
                            threads.submit(() -> search(index, removed, writing, new Random(100 + searcher))))
                    .toList();
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            for (Future<Integer> searcher : searchers) {
                assertThat(searcher.get()).isPositive();
            }
            assertThat(removed).hasSize(3 * 500);
            assertThat(index.size(GALLERY, MODEL)).isEqualTo(3 * 1000);
        }
    }

    private static void write(InMemoryGalleryIndex index, Set<UUID> removed, Random random) {
        for (int i = 0; i < 1000; i++) {
            UUID face = UUID.randomUUID();
            index.add(GALLERY, UUID.randomUUID(), face, Vectors.random(random, 128, MODEL));
            if (i % 2 == 0) {
                UUID doomed = UUID.randomUUID();
                index.add(GALLERY, UUID.randomUUID(), doomed, Vectors.random(random, 128, MODEL));
                index.remove(GALLERY, doomed);
                removed.add(doomed);
            }
        }
    }

    private static int search(InMemoryGalleryIndex index, Set<UUID> removed, AtomicBoolean writing, Random random) {
        int searches = 0;
        do {
            Set<UUID> goneBefore = Set.copyOf(removed);
            Embedding query = Vectors.random(random, 128, MODEL);
            for (Candidate candidate : index.search(GALLERY, query, 50)) {
                assertThat(goneBefore).doesNotContain(candidate.faceId());
            }
            searches++;
        } while (writing.get());
        return searches;
    }
}
