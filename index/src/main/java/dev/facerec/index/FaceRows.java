package dev.facerec.index;

import java.util.Arrays;
import java.util.UUID;

/**
 * Face and person ids by row, and the face id to row lookup, in primitive arrays: an open-addressing table of row
 * numbers costs 8 bytes a face where a {@code HashMap<UUID, Integer>} costs about 90, which matters at a million
 * faces. Linear probing with backward-shift deletion, so removals leave no tombstones.
 */
final class FaceRows {
    private static final int EMPTY = -1;

    private long[] ids = new long[0]; // face high, face low, person high, person low: four longs a row
    private int[] table = emptyTable(16);
    private int size;

    int size() {
        return size;
    }

    /** The row of the face, or -1. */
    int find(UUID faceId) {
        long high = faceId.getMostSignificantBits();
        long low = faceId.getLeastSignificantBits();
        int mask = table.length - 1;
        for (int slot = hash(high, low) & mask; table[slot] != EMPTY; slot = (slot + 1) & mask) {
            int row = table[slot];
            if (ids[4 * row] == high && ids[4 * row + 1] == low) {
                return row;
            }
        }
        return -1;
    }

    /** Appends a face that is not present and returns its row. */
    int append(UUID faceId, UUID personId) {
        if (4L * (size + 1) > ids.length) {
            ids = Arrays.copyOf(ids, 4 * Math.max(size + 1, size + (size >> 1) + 16));
        }
        if (2 * (size + 1) > table.length) {
            rehash(table.length * 2);
        }
        int row = size++;
        ids[4 * row] = faceId.getMostSignificantBits();
        ids[4 * row + 1] = faceId.getLeastSignificantBits();
        setPerson(row, personId);
        insert(row);
        return row;
    }

    void setPerson(int row, UUID personId) {
        ids[4 * row + 2] = personId.getMostSignificantBits();
        ids[4 * row + 3] = personId.getLeastSignificantBits();
    }

    UUID faceId(int row) {
        return new UUID(ids[4 * row], ids[4 * row + 1]);
    }

    UUID personId(int row) {
        return new UUID(ids[4 * row + 2], ids[4 * row + 3]);
    }

    /**
     * Removes the face at {@code row} by moving the last row into its place; returns the row that moved (the old last
     * row), so the caller moves the vectors too, or -1 when the removed row was the last.
     */
    int removeRow(int row) {
        unlink(row);
        int last = --size;
        if (row == last) {
            return -1;
        }
        System.arraycopy(ids, 4 * last, ids, 4 * row, 4);
        table[slotOf(last)] = row;
        return last;
    }

    long bytes() {
        return ((long) ids.length * Long.BYTES) + ((long) table.length * Integer.BYTES);
    }

    private void insert(int row) {
        int mask = table.length - 1;
        int slot = hash(ids[4 * row], ids[4 * row + 1]) & mask;
        while (table[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        table[slot] = row;
    }

    private int slotOf(int row) {
        int mask = table.length - 1;
        int slot = hash(ids[4 * row], ids[4 * row + 1]) & mask;
        while (table[slot] != row) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void unlink(int row) {
        int mask = table.length - 1;
        int hole = slotOf(row);
        // Backward shift: pull later entries of the probe run into the hole unless that would put them before home.
        for (int slot = (hole + 1) & mask; table[slot] != EMPTY; slot = (slot + 1) & mask) {
            int candidate = table[slot];
            int home = hash(ids[4 * candidate], ids[4 * candidate + 1]) & mask;
            if (((slot - home) & mask) >= ((slot - hole) & mask)) {
                table[hole] = candidate;
                hole = slot;
            }
        }
        table[hole] = EMPTY;
    }

    private void rehash(int capacity) {
        table = emptyTable(capacity);
        for (int row = 0; row < size; row++) {
            insert(row);
        }
    }

    private static int[] emptyTable(int capacity) {
        int[] empty = new int[capacity];
        Arrays.fill(empty, EMPTY);
        return empty;
    }

    private static int hash(long high, long low) {
        long mixed = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 32);
    }
}
