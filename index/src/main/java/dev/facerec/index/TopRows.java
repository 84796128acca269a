package dev.facerec.index;

/**
 * The {@code capacity} rows of highest score seen so far: a min-heap, so most rows cost one comparison.
 *
 * <p>{@link #offer} sifts with loops of its own rather than calling helper methods, and must stay that way. The JIT
 * inlines it, with the vector kernel, into the scan loop; a call anywhere in that loop, even on the rare path that
 * admits a row, makes the JIT reload the kernel's constants (nibble mask, shift counts) inside the innermost loop on
 * every block. With calls to sift helpers a 1M-face scan took 29-30 ns a face on one core, without them 23-24 (the AMD
 * EPYC test machine, same data, same JVM).
 */
final class TopRows {
    private final float[] scores;
    private final int[] rows;
    private int size;

    TopRows(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        scores = new float[capacity];
        rows = new int[capacity];
    }

    void offer(int row, float score) {
        int index;
        if (size < scores.length) {
            // Sift up from the new last leaf: move parents with a higher score down until the score fits.
            index = size++;
            while (index > 0) {
                int parent = (index - 1) >>> 1;
                if (scores[parent] <= score) {
                    break;
                }
                scores[index] = scores[parent];
                rows[index] = rows[parent];
                index = parent;
            }
        } else if (score > scores[0]) {
            // Replace the lowest and sift down: move the lower child up until the score fits.
            index = 0;
            while (true) {
                int child = 2 * index + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && scores[child + 1] < scores[child]) {
                    child++;
                }
                if (scores[child] >= score) {
                    break;
                }
                scores[index] = scores[child];
                rows[index] = rows[child];
                index = child;
            }
        } else {
            return;
        }
        scores[index] = score;
        rows[index] = row;
    }

    void addAll(TopRows other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.rows[i], other.scores[i]);
        }
    }

    int size() {
        return size;
    }

    /** The rows held, in no particular order. */
    int row(int index) {
        return rows[index];
    }

    /** The score of {@link #row(int) row(index)}. */
    float score(int index) {
        return scores[index];
    }
}
