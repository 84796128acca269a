package dev.facerec.tools.eval;

import dev.facerec.core.face.Embedding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the service's index search returns for every probe of an {@link IdentificationProtocol.Split}, at every gallery
 * size: the best {@code depth} persons, best first, each scored by its best face (as {@code GalleryIndex.search}
 * does), and, to compare aggregations over a person's several faces, by the mean of its faces and by the mean of its
 * two best. An exact scan of the product's own cosine.
 */
final class CandidateLists {
    /** How a person with several faces is scored. */
    enum Aggregation {
        MAX,
        MEAN,
        TOP2_MEAN
    }

    /**
     * One probe's candidates under one aggregation.
     *
     * @param scores the persons' scores, best first
     * @param firstIsRight whether the first is the probe's own person (always false for an impostor probe)
     */
    record Candidates(float[] scores, boolean firstIsRight) {}

    /** Every probe's candidates at one gallery size; genuine probes are those whose person is enrolled at it. */
    record AtSize(
            int size, int people, Map<Aggregation, Candidates[]> genuine, Map<Aggregation, Candidates[]> impostor) {}

    private CandidateLists() {}

    static List<AtSize> of(IdentificationProtocol.Split split, int[] sizes, int depth) {
        List<IdentificationProtocol.Face> gallery = split.gallery();
        Map<String, Integer> ids = new HashMap<>();
        int[] personOf = new int[gallery.size()];
        for (int g = 0; g < gallery.size(); g++) {
            personOf[g] = ids.computeIfAbsent(gallery.get(g).person(), name -> ids.size());
        }
        int[] ownGenuine = split.genuineProbes().stream()
                .mapToInt(face -> ids.getOrDefault(face.person(), -1))
                .toArray();
        Candidates[][][] genuine = scan(gallery, personOf, ids.size(), split.genuineProbes(), ownGenuine, sizes, depth);
        int[] nobody = new int[split.impostorProbes().size()];
        Arrays.fill(nobody, -1);
        Candidates[][][] impostor = scan(gallery, personOf, ids.size(), split.impostorProbes(), nobody, sizes, depth);
        List<AtSize> result = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            int probed = split.probed(sizes[s]);
            int people = (int) Arrays.stream(personOf, 0, sizes[s]).distinct().count();
            Map<Aggregation, Candidates[]> g = new HashMap<>();
            Map<Aggregation, Candidates[]> i = new HashMap<>();
            for (Aggregation aggregation : Aggregation.values()) {
                Candidates[] gs = new Candidates[probed];
                for (int p = 0; p < probed; p++) {
                    gs[p] = genuine[p][s][aggregation.ordinal()];
                }
                Candidates[] is = new Candidates[impostor.length];
                for (int p = 0; p < impostor.length; p++) {
                    is[p] = impostor[p][s][aggregation.ordinal()];
                }
                g.put(aggregation, gs);
                i.put(aggregation, is);
            }
            result.add(new AtSize(sizes[s], people, g, i));
        }
        return result;
    }

    /** [probe][size][aggregation]; {@code own[p]} is the probe's person id, -1 for a stranger. */
    private static Candidates[][][] scan(
            List<IdentificationProtocol.Face> gallery,
            int[] personOf,
            int persons,
            List<IdentificationProtocol.Face> probes,
            int[] own,
            int[] sizes,
            int depth) {
        Candidates[][][] result = new Candidates[probes.size()][sizes.length][];
        IntStream.range(0, probes.size()).parallel().forEach(p -> {
            Embedding probe = probes.get(p).embedding();
            float[] max = new float[persons];
            float[] second = new float[persons];
            float[] sum = new float[persons];
            int[] count = new int[persons];
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
            Arrays.fill(second, Float.NEGATIVE_INFINITY);
            int g = 0;
            for (int s = 0; s < sizes.length; s++) {
                for (; g < sizes[s]; g++) {
                    float similarity = probe.similarity(gallery.get(g).embedding());
                    int person = personOf[g];
                    if (similarity > max[person]) {
                        second[person] = max[person];
                        max[person] = similarity;
                    } else if (similarity > second[person]) {
                        second[person] = similarity;
                    }
                    sum[person] += similarity;
                    count[person]++;
                }
                Candidates[] byAggregation = new Candidates[Aggregation.values().length];
                for (Aggregation aggregation : Aggregation.values()) {
                    float[] score = new float[persons];
                    int present = 0;
                    int first = -1;
                    float firstValue = Float.NEGATIVE_INFINITY;
                    for (int person = 0; person < persons; person++) {
                        if (count[person] == 0) {
                            continue;
                        }
                        float value = switch (aggregation) {
                            case MAX -> max[person];
                            case MEAN -> sum[person] / count[person];
                            case TOP2_MEAN -> count[person] == 1 ? max[person] : (max[person] + second[person]) / 2;
                        };
                        if (value > firstValue) {
                            first = person;
                            firstValue = value;
                        }
                        score[present++] = value;
                    }
                    Arrays.sort(score, 0, present);
                    int kept = Math.min(depth, present);
                    float[] best = new float[kept];
                    for (int k = 0; k < kept; k++) {
                        best[k] = score[present - 1 - k];
                    }
                    boolean right = first >= 0 && first == own[p];
                    byAggregation[aggregation.ordinal()] = new Candidates(best, right);
                }
                result[p][s] = byAggregation;
            }
        });
        return result;
    }
}
