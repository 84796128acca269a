package dev.facerec.ml.index;

/** The {@code capacity} rows of highest score seen so far: a min-heap, so most rows cost one comparison. */
final class TopRows {
    private final float[] scores;
    private final int[] rows;
    private int size;

    TopRows(int capacity) {
        scores = new float[capacity];
        rows = new int[capacity];
    }

    void offer(int row, float score) {
        if (size < scores.length) {
            scores[size] = score;
            rows[size] = row;
            up(size++);
        } else if (score > scores[0]) {
            scores[0] = score;
            rows[0] = row;
            down(0);
        }
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

    private void up(int index) {
        while (index > 0) {
            int parent = (index - 1) / 2;
            if (scores[parent] <= scores[index]) {
                return;
            }
            swap(parent, index);
            index = parent;
        }
    }

    private void down(int index) {
        while (true) {
            int smallest = index;
            int left = 2 * index + 1;
            if (left < size && scores[left] < scores[smallest]) {
                smallest = left;
            }
            if (left + 1 < size && scores[left + 1] < scores[smallest]) {
                smallest = left + 1;
            }
            if (smallest == index) {
                return;
            }
            swap(smallest, index);
            index = smallest;
        }
    }

    private void swap(int a, int b) {
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
        int row = rows[a];
        rows[a] = rows[b];
        rows[b] = row;
    }
}
