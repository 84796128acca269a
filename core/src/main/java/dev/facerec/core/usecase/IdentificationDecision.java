package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.face.Thresholds;

/**
 * The default 1:N decision: is the best candidate the person in the photo, or is the face unknown? Besides the raw
 * cosine similarity of the best person ({@code s1}), it looks at how far that person stands above the next ones the
 * index search returns anyway: a stranger tends to resemble several enrolled people about equally, an enrolled
 * person stands out. The best candidate matches when
 *
 * <pre>
 *   s1 - mean(s2 .. s[cohort + 1]) >= minMargin * sqrt(ln 1000 / ln N)   and   s1 >= threshold - slack
 * </pre>
 *
 * where {@code s2, s3, ...} are the next persons' similarities (each person scored by its best face, as the index
 * does), {@code N} the gallery's faces and {@code threshold} its default raw threshold ({@link
 * IdentifyFaces#defaultThreshold}). This is adaptive score normalisation over the probe's own top candidates, without
 * division by their spread (which measured worse). The gap between the largest of N similarities and the next ones
 * shrinks slowly as N grows, as {@code 1 / sqrt(ln N)} for tails like a normal distribution's, hence the factor; on
 * lfw-dev the margin that gives FPIR 1% followed it within 0.01 from 100 to 806 people (docs/identification.md, "A
 * better decision"). Where the gallery holds fewer persons than {@code cohort + 1}, there are too few to compare with
 * and the decision is the raw one, {@code s1 >= threshold}.
 *
 * @param cohort how many next persons the margin compares with, at least 1
 * @param minMargin the least margin of the best person over the mean of the next ones in a gallery of {@value
 *     #REFERENCE_FACES} faces, a cosine difference in (0, 2)
 * @param slack how far below the raw threshold the best candidate may lie when its margin is met, in [0, 1)
 */
public record IdentificationDecision(int cohort, float minMargin, float slack) {
    /** The gallery size at which {@code minMargin} applies as given. */
    public static final long REFERENCE_FACES = 1000;

    /** The default cohort: the 2nd to 10th persons. */
    public static final int DEFAULT_COHORT = 9;

    /**
     * The default margin in units of the model's decade of false match rate ({@code strict - standard}, the similarity
     * between its calibrated FMR 1e-3 and 1e-4 thresholds), so that it carries over to packs with another scale.
     */
    public static final double DEFAULT_MARGIN_DECADES = 2.45;

    /** The default slack below the raw threshold, in the same decades. */
    public static final double DEFAULT_SLACK_DECADES = 0.5;

    public IdentificationDecision {
        if (cohort < 1) {
            throw new IllegalArgumentException("cohort must be at least 1: " + cohort);
        }
        if (!(minMargin > 0 && minMargin < 2)) {
            throw new IllegalArgumentException("minMargin must lie in (0, 2): " + minMargin);
        }
        if (!(slack >= 0 && slack < 1)) {
            throw new IllegalArgumentException("slack must lie in [0, 1): " + slack);
        }
    }

    /** The decision with the default parameters scaled to a model's calibrated {@code thresholds}. */
    public static IdentificationDecision of(Thresholds thresholds) {
        return of(thresholds, DEFAULT_COHORT, DEFAULT_MARGIN_DECADES, DEFAULT_SLACK_DECADES);
    }

    /** A decision whose margin and slack are given in decades of the model's false match rate. */
    public static IdentificationDecision of(
            Thresholds thresholds, int cohort, double marginDecades, double slackDecades) {
        double decade = requireNonNull(thresholds, "thresholds is null").strict() - thresholds.standard();
        if (!(decade > 0)) {
            throw new IllegalArgumentException("the thresholds must be at least one decade apart: " + thresholds);
        }
        return new IdentificationDecision(cohort, (float) (marginDecades * decade), (float) (slackDecades * decade));
    }

    /** How many candidates the index search must return for this decision: the best and its cohort. */
    public int candidatesNeeded() {
        return cohort + 1;
    }

    /**
     * The lowest similarity this decision can accept under {@code threshold}: candidates below it are never a match
     * (what a caller who may not list the gallery is shown starts below it).
     */
    public float lowestMatch(float threshold) {
        return threshold - slack;
    }

    /** The least margin in a gallery of {@code galleryFaces} faces: {@code minMargin * sqrt(ln 1000 / ln N)}. */
    public float minMarginAt(long galleryFaces) {
        double faces = Math.max(cohort + 1, galleryFaces);
        return (float) (minMargin * Math.sqrt(Math.log(REFERENCE_FACES) / Math.log(faces)));
    }

    /**
     * The margin of the best person over the mean of the next {@code cohort}, or {@code NaN} when fewer than {@code
     * cohort + 1} persons are given.
     *
     * @param bestFirst the persons' similarities, best first
     */
    public double margin(float[] bestFirst) {
        if (requireNonNull(bestFirst, "bestFirst is null").length < cohort + 1) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 1; i <= cohort; i++) {
            sum += bestFirst[i];
        }
        return bestFirst[0] - sum / cohort;
    }

    /**
     * Whether the first of {@code bestFirst} is a match in a gallery of {@code galleryFaces} faces whose raw default
     * threshold is {@code threshold}.
     *
     * @param bestFirst the persons' similarities, best first (one per person, as the index search returns them)
     * @throws IllegalArgumentException if the similarities are not in descending order
     */
    public boolean matches(float[] bestFirst, float threshold, long galleryFaces) {
        for (int i = 1; i < requireNonNull(bestFirst, "bestFirst is null").length; i++) {
            if (!(bestFirst[i] <= bestFirst[i - 1])) {
                throw new IllegalArgumentException("similarities must be best first");
            }
        }
        if (bestFirst.length == 0) {
            return false;
        }
        if (bestFirst.length < cohort + 1) {
            return bestFirst[0] >= threshold;
        }
        return bestFirst[0] >= threshold - slack && margin(bestFirst) >= minMarginAt(galleryFaces);
    }
}
