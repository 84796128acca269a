package dev.facerec.tools.bench;

import dev.facerec.core.face.Embedding;
import dev.facerec.core.index.GalleryIndex.Candidate;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code make bench-identify}: 1:N search over synthetic galleries of 10k, 100k and 1M faces, against an exact float32
 * brute-force scan run in the same process. A command that prints figures, not a test.
 *
 * <p>Faces are clustered like real embeddings: identities are random unit centres, each with {@link #FACES_PER_PERSON}
 * faces = centre + Gaussian noise of 0.8 times the centre's norm, renormalised (two faces of one identity have a
 * cosine near 0.6, strangers near 0). Probes are fresh faces of enrolled identities ("enrolled") and of identities
 * never enrolled ("unknown", where the best match is a near-tie among strangers: the hard case for top-1 agreement).
 *
 * <p>The dimension must be a multiple of 8 (the reference scan's lanes). Arguments: {@code --sizes 10000,100000,1000000
 * --queries 200 --dimension 512 --vectors default|heap --rerank 128 --reference on|off}.
 *
 * <p>{@code --reference off} skips the brute-force scan and the 2 GiB of float32 vectors per million faces it keeps on
 * the heap (faces are generated again from their seeds), so that the index can be measured with the process held to
 * what the index alone needs, e.g. under a memory cgroup (see docs/deployment.md, "Sizing the gallery index").
 */
public final class IdentifyBenchmark {
    private static final PrintStream OUT = System.out;
    private static final int FACES_PER_PERSON = 4;
    private static final double SPREAD = 0.8;
    private static final String MODEL = "synthetic";
    private static final UUID GALLERY = UUID.randomUUID();
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;

    private IdentifyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = {10_000, 100_000, 1_000_000};
        int queries = 200;
        int dimension = 512;
        boolean heap = false;
        int rerank = IndexConfig.defaults().rerankDepth();
        boolean reference = true;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" ->
                    sizes = Arrays.stream(args[i + 1].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--queries" -> queries = Integer.parseInt(args[i + 1]);
                case "--dimension" -> dimension = Integer.parseInt(args[i + 1]);
                case "--vectors" -> heap = args[i + 1].equals("heap");
                case "--rerank" -> rerank = Integer.parseInt(args[i + 1]);
                case "--reference" -> reference = !args[i + 1].equals("off");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        IndexConfig config =
                (heap ? IndexConfig.defaults().withVectorsOnHeap() : IndexConfig.defaults()).withRerankDepth(rerank);
        OUT.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        OUT.println(config + "; " + dimension + "-d, " + FACES_PER_PERSON + " faces a person, " + queries
                + " probes (half enrolled, half unknown)");
        TextTable table = new TextTable(
                "faces",
                "build s",
                "index MiB",
                "heap delta MiB",
                "mapped MiB",
                "search p50/p95 ms",
                "brute force p50/p95 ms",
                "top-1 same: enrolled",
                "unknown");
        for (int size : sizes) {
            run(size, queries, dimension, config, reference, table);
        }
        table.print(OUT);
    }

    private static void run(
            int size, int queries, int dimension, IndexConfig config, boolean reference, TextTable table) {
        float[] vectors = reference ? new float[Math.multiplyExact(size, dimension)] : null;
        UUID[] faces = new UUID[size];
        UUID[] persons = new UUID[size / FACES_PER_PERSON + 1];
        Arrays.setAll(persons, i -> UUID.randomUUID());
        Arrays.setAll(faces, i -> UUID.randomUUID());
        if (reference) {
            IntStream.range(0, persons.length).parallel().forEach(person -> {
                float[] centre = centre(person, dimension);
                for (int face = person * FACES_PER_PERSON;
                        face < Math.min(size, (person + 1) * FACES_PER_PERSON);
                        face++) {
                    System.arraycopy(face(face, centre), 0, vectors, face * dimension, dimension);
                }
            });
        }
        long heapBefore = usedHeap();
        long started = System.nanoTime();
        try (InMemoryGalleryIndex index = new InMemoryGalleryIndex(config)) {
            float[] row = new float[dimension];
            float[] personCentre = null;
            for (int face = 0; face < size; face++) {
                if (reference) {
                    System.arraycopy(vectors, face * dimension, row, 0, dimension);
                } else {
                    if (face % FACES_PER_PERSON == 0) {
                        personCentre = centre(face / FACES_PER_PERSON, dimension);
                    }
                    row = face(face, personCentre);
                }
                index.add(GALLERY, persons[face / FACES_PER_PERSON], faces[face], Embedding.normalised(row, MODEL));
            }
            double buildSeconds = (System.nanoTime() - started) / 1e9;
            long heapDelta = usedHeap() - heapBefore;
            Timings search = new Timings();
            Timings bruteForce = new Timings();
            int[] same = new int[2];
            SplittableRandom random = new SplittableRandom(size);
            for (int query = -20; query < queries; query++) { // 20 warm-up probes
                boolean enrolled = (query & 1) == 0;
                int person =
                        enrolled ? random.nextInt(size / FACES_PER_PERSON) : persons.length + random.nextInt(1 << 30);
                float[] centre = centre(person, dimension);
                Embedding probe = Embedding.normalised(unit(random.split(), dimension, centre), MODEL);
                long t0 = System.nanoTime();
                List<Candidate> found = index.search(GALLERY, probe, 1);
                long t1 = System.nanoTime();
                if (query >= 0) {
                    search.addNanos(t1 - t0);
                }
                if (reference) {
                    int best = bruteForce(vectors, probe.vector(), dimension, config.scanThreads());
                    long t2 = System.nanoTime();
                    if (query >= 0) {
                        bruteForce.addNanos(t2 - t1);
                        same[enrolled ? 0 : 1] += found.getFirst().faceId().equals(faces[best]) ? 1 : 0;
                    }
                }
            }
            int half = queries / 2;
            table.row(
                    size,
                    String.format("%.1f", buildSeconds),
                    index.memoryBytes() >> 20,
                    heapDelta >> 20,
                    index.mappedBytes() >> 20,
                    search.medianAndP95(),
                    reference ? bruteForce.medianAndP95() : "off",
                    reference ? same[0] + "/" + (queries - half) : "-",
                    reference ? same[1] + "/" + half : "-");
        }
    }

    /** The centre of person {@code person}'s faces: the same vector every time it is asked for. */
    private static float[] centre(int person, int dimension) {
        return unit(new SplittableRandom(person), dimension, null);
    }

    /** Face {@code face} of the person with {@code centre}: the same vector every time it is asked for. */
    private static float[] face(int face, float[] centre) {
        return unit(new SplittableRandom(-1 - face), centre.length, centre);
    }

    /** A random unit vector, or a face of {@code centre} when given (see the class comment). */
    private static float[] unit(SplittableRandom random, int dimension, float[] centre) {
        float[] vector = new float[dimension];
        double scale = centre == null ? 1 : SPREAD / Math.sqrt(dimension);
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            vector[i] = (float) ((centre == null ? 0 : centre[i]) + random.nextGaussian() * scale);
            sum += vector[i] * vector[i];
        }
        float norm = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < dimension; i++) {
            vector[i] *= norm;
        }
        return vector;
    }

    /** Exact float32 scan of every face on {@code threads} threads; the index of the best face. */
    private static int bruteForce(float[] vectors, float[] query, int dimension, int threads) {
        int size = vectors.length / dimension;
        List<CompletableFuture<long[]>> parts = new ArrayList<>();
        // Part 0 runs on the caller: the common pool has one thread fewer than the cores.
        for (int part = 1; part < threads; part++) {
            int from = (int) ((long) size * part / threads);
            int to = (int) ((long) size * (part + 1) / threads);
            parts.add(CompletableFuture.supplyAsync(() -> bestIn(vectors, query, dimension, from, to)));
        }
        long[] best = bestIn(vectors, query, dimension, 0, size / threads);
        for (CompletableFuture<long[]> part : parts) {
            long[] candidate = part.join();
            if (Double.longBitsToDouble(candidate[1]) > Double.longBitsToDouble(best[1])) {
                best = candidate;
            }
        }
        return (int) best[0];
    }

    private static long[] bestIn(float[] vectors, float[] query, int dimension, int from, int to) {
        int best = -1;
        float bestSimilarity = Float.NEGATIVE_INFINITY;
        for (int row = from; row < to; row++) {
            // float32 sums in 8 lanes: the memory-bound reference scan (a double sum does not vectorise and runs 10x
            // slower); a near-tie at the 7th decimal could rank differently from Embedding.similarity's double sum.
            FloatVector sums = FloatVector.zero(FLOATS);
            int offset = row * dimension;
            for (int i = 0; i < dimension; i += FLOATS.length()) {
                sums = FloatVector.fromArray(FLOATS, vectors, offset + i)
                        .fma(FloatVector.fromArray(FLOATS, query, i), sums);
            }
            float dot = sums.reduceLanes(VectorOperators.ADD);
            if (dot > bestSimilarity) {
                bestSimilarity = dot;
                best = row;
            }
        }
        return new long[] {best, Double.doubleToLongBits(bestSimilarity)};
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
