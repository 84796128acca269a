package dev.facerec.tools.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Durations of one measured step (thread-safe), kept in milliseconds. Percentiles interpolate linearly between the two closest
 * ranks (the definition numpy uses by default), so a median of an even count is the mean of the middle pair.
 */
public final class Timings {
    private double[] millis = new double[16];
    private int count;

    public void addNanos(long nanos) {
        addMillis(nanos / 1e6);
    }

    public synchronized void addMillis(double value) {
        if (count == millis.length) {
            millis = Arrays.copyOf(millis, count * 2);
        }
        millis[count++] = value;
    }

    /** Adds every duration {@code other} holds. */
    public void addAll(Timings other) {
        double[] values;
        synchronized (other) {
            values = Arrays.copyOf(other.millis, other.count);
        }
        for (double value : values) {
            addMillis(value);
        }
    }

    public synchronized int count() {
        return count;
    }

    /** The arithmetic mean in milliseconds, or NaN when nothing was measured. */
    public synchronized double mean() {
        return count == 0 ? Double.NaN : Arrays.stream(millis, 0, count).sum() / count;
    }

    public double median() {
        return percentile(50);
    }

    public double p95() {
        return percentile(95);
    }

    /** The {@code p}-th percentile in milliseconds, or NaN when nothing was measured. */
    public synchronized double percentile(double p) {
        return count == 0 ? Double.NaN : percentile(Arrays.copyOf(millis, count), p);
    }

    /** {@code median/p95} for a table cell, or {@code -} when nothing was measured. */
    public String medianAndP95() {
        return count() == 0 ? "-" : format(median()) + "/" + format(p95());
    }

    public static String format(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : millis < 100 ? "%.1f" : "%.0f", millis);
    }

    /**
     * The {@code p}-th percentile (0..100) of {@code values}, which need not be sorted (they are sorted in place).
     *
     * @throws IllegalArgumentException if there are no values or {@code p} lies outside 0..100
     */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must lie in 0..100: " + p);
        }
        Arrays.sort(values);
        double rank = p / 100 * (values.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, values.length - 1);
        return values[below] + (rank - below) * (values[above] - values[below]);
    }
}
