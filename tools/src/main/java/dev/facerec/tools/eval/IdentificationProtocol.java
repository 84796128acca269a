package dev.facerec.tools.eval;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.Embedding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The open-set identification protocol of {@code make eval-identify}, on faces already embedded. Every person with
 * one face is a stranger: that face is an impostor probe and never enters a gallery. Every person with two or more
 * faces holds one out as a genuine probe, enrols one, and gives the rest as distractors. Galleries grow by prefix of
 * one order (so a smaller gallery is part of every larger one): first the enrolled face of each person in a seeded
 * order, then every remaining face, shuffled. A gallery of N faces up to the number of such people enrols N people,
 * one face each, and probes each of them once; a larger one adds further faces of those people. The impostor probes
 * are the same at every size, so the FPIR curve shows what the gallery's growth alone does.
 *
 * <p>{@link #firstEnrolled} is the earlier single-figure protocol instead: every person with two or more faces enrols
 * the first (by file name) and probes with all the others; no seed, no distractors.
 */
final class IdentificationProtocol {
    private IdentificationProtocol() {}

    /** One embedded image of a labelled person. */
    record Face(String person, Embedding embedding) {
        Face {
            requireNonNull(person, "person is null");
            requireNonNull(embedding, "embedding is null");
        }
    }

    /**
     * @param gallery every gallery face in the order the gallery grows
     * @param genuineProbes one per enrolled person, in the order their first faces head {@code gallery}
     * @param impostorProbes faces of people who are in no gallery
     */
    record Split(long seed, List<Face> gallery, List<Face> genuineProbes, List<Face> impostorProbes) {
        Split {
            gallery = List.copyOf(gallery);
            genuineProbes = List.copyOf(genuineProbes);
            impostorProbes = List.copyOf(impostorProbes);
            int[] enrolledAt = enrolledAt(gallery, genuineProbes);
            for (int p = 1; p < enrolledAt.length; p++) {
                if (enrolledAt[p] < enrolledAt[p - 1]) {
                    throw new IllegalArgumentException(
                            "genuine probes must follow the order their people are enrolled");
                }
            }
        }

        /**
         * How many genuine probes have their person enrolled within the first {@code size} gallery faces: they are the
         * first that many of {@link #genuineProbes}.
         */
        int probed(int size) {
            int[] enrolledAt = enrolledAt(gallery, genuineProbes);
            int probed = 0;
            while (probed < enrolledAt.length && enrolledAt[probed] < size) {
                probed++;
            }
            return probed;
        }

        /** The gallery index of each genuine probe's person's first face. */
        private static int[] enrolledAt(List<Face> gallery, List<Face> probes) {
            Map<String, Integer> first = new java.util.HashMap<>();
            for (int g = gallery.size() - 1; g >= 0; g--) {
                first.put(gallery.get(g).person(), g);
            }
            return probes.stream()
                    .mapToInt(probe -> {
                        Integer at = first.get(probe.person());
                        if (at == null) {
                            throw new IllegalArgumentException(probe.person() + " is probed but never enrolled");
                        }
                        return at;
                    })
                    .toArray();
        }
    }

    /**
     * The earlier single-figure protocol: each person with two or more faces (in their given order) enrols the first
     * and probes with every other; people with one face are the strangers.
     */
    static Split firstEnrolled(Map<String, List<Embedding>> people) {
        List<Face> gallery = new ArrayList<>();
        List<Face> probes = new ArrayList<>();
        List<Face> impostors = new ArrayList<>();
        for (Map.Entry<String, List<Embedding>> person : new TreeMap<>(people).entrySet()) {
            List<Embedding> faces = person.getValue();
            if (faces.size() == 1) {
                impostors.add(new Face(person.getKey(), faces.getFirst()));
            } else if (faces.size() > 1) {
                gallery.add(new Face(person.getKey(), faces.getFirst()));
                faces.subList(1, faces.size()).forEach(face -> probes.add(new Face(person.getKey(), face)));
            }
        }
        return new Split(0, gallery, probes, impostors);
    }

    /** Splits {@code people} (each person's embedded faces in a fixed order) deterministically for {@code seed}. */
    static Split split(Map<String, List<Embedding>> people, long seed) {
        Random random = new Random(seed);
        List<String> enrolled = new ArrayList<>();
        List<Face> impostors = new ArrayList<>();
        for (Map.Entry<String, List<Embedding>> person : new TreeMap<>(people).entrySet()) {
            if (person.getValue().size() == 1) {
                impostors.add(new Face(person.getKey(), person.getValue().getFirst()));
            } else if (person.getValue().size() > 1) {
                enrolled.add(person.getKey());
            }
        }
        Collections.shuffle(enrolled, random);
        List<Face> gallery = new ArrayList<>();
        List<Face> probes = new ArrayList<>();
        List<Face> distractors = new ArrayList<>();
        for (String person : enrolled) {
            List<Embedding> faces = new ArrayList<>(people.get(person));
            Collections.shuffle(faces, random);
            probes.add(new Face(person, faces.get(0)));
            gallery.add(new Face(person, faces.get(1)));
            faces.subList(2, faces.size()).forEach(face -> distractors.add(new Face(person, face)));
        }
        Collections.shuffle(distractors, random);
        gallery.addAll(distractors);
        return new Split(seed, gallery, probes, impostors);
    }

    /**
     * The best gallery face of every probe in the gallery of {@code size} faces (an exact scan).
     *
     * @param people the persons among the gallery's faces
     * @param genuineBest the best similarity of each genuine probe whose person is enrolled at this size
     * @param genuineRight whether that best face is the probe's own person (rank-1)
     * @param impostorBest the best similarity of each impostor probe
     */
    record Scores(int size, int people, float[] genuineBest, boolean[] genuineRight, float[] impostorBest) {
        double rank1() {
            return share(genuineRight.length, i -> genuineRight[i]);
        }

        /** The share of genuine probes whose own person is the best candidate and reaches {@code threshold}. */
        double tpir(float threshold) {
            return share(genuineBest.length, i -> genuineRight[i] && genuineBest[i] >= threshold);
        }

        /** The share of impostor probes whose best candidate reaches {@code threshold}. */
        double fpir(float threshold) {
            return share(impostorBest.length, i -> impostorBest[i] >= threshold);
        }

        /** The lowest threshold at which at most {@code rate} of this run's impostor probes are matched. */
        float thresholdAtFpir(double rate) {
            return VerificationProtocol.thresholdAtFalseMatchRate(impostorBest, rate);
        }

        private static double share(int count, java.util.function.IntPredicate counted) {
            int hits = 0;
            for (int i = 0; i < count; i++) {
                hits += counted.test(i) ? 1 : 0;
            }
            return count == 0 ? Double.NaN : (double) hits / count;
        }
    }

    /** Scores every probe against the galleries of {@code sizes} faces (ascending, each at most the gallery's). */
    static List<Scores> score(Split split, int[] sizes) {
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1 || sizes[i] > split.gallery().size() || (i > 0 && sizes[i] <= sizes[i - 1])) {
                throw new IllegalArgumentException(
                        "sizes must ascend within 1.." + split.gallery().size() + ": " + Arrays.toString(sizes));
            }
        }
        Best[][] genuine = scan(split.gallery(), split.genuineProbes(), sizes);
        Best[][] impostor = scan(split.gallery(), split.impostorProbes(), sizes);
        List<Scores> result = new ArrayList<>();
        Set<String> people = new HashSet<>();
        int added = 0;
        for (int s = 0; s < sizes.length; s++) {
            for (; added < sizes[s]; added++) {
                people.add(split.gallery().get(added).person());
            }
            int probed = split.probed(sizes[s]);
            float[] genuineBest = new float[probed];
            boolean[] genuineRight = new boolean[probed];
            for (int p = 0; p < probed; p++) {
                genuineBest[p] = genuine[p][s].similarity();
                genuineRight[p] = genuine[p][s]
                        .person()
                        .equals(split.genuineProbes().get(p).person());
            }
            float[] impostorBest = new float[impostor.length];
            for (int p = 0; p < impostor.length; p++) {
                impostorBest[p] = impostor[p][s].similarity();
            }
            result.add(new Scores(sizes[s], people.size(), genuineBest, genuineRight, impostorBest));
        }
        return result;
    }

    private record Best(String person, float similarity) {}

    /** For each probe, its best face within the first {@code sizes[s]} gallery faces, in one pass per probe. */
    private static Best[][] scan(List<Face> gallery, List<Face> probes, int[] sizes) {
        Best[][] best = new Best[probes.size()][sizes.length];
        java.util.stream.IntStream.range(0, probes.size()).parallel().forEach(p -> {
            Embedding probe = probes.get(p).embedding();
            float bestSimilarity = Float.NEGATIVE_INFINITY;
            String bestPerson = null;
            int s = 0;
            for (int g = 0; g < sizes[sizes.length - 1]; g++) {
                // The product's own cosine, the one an exact scan of the index computes.
                float similarity = probe.similarity(gallery.get(g).embedding());
                if (similarity > bestSimilarity) {
                    bestSimilarity = similarity;
                    bestPerson = gallery.get(g).person();
                }
                if (g + 1 == sizes[s]) {
                    best[p][s++] = new Best(bestPerson, bestSimilarity);
                }
            }
        });
        return best;
    }
}
