package dev.facerec.index;

/**
 * A query ready for {@link Int4Dot}: its components as int8 values widened to shorts and padded with zeros to whole
 * blocks, and {@code bias}, the sum of the values times {@value Int4Codes#CODE_OFFSET}. Codes are stored offset by
 * {@value Int4Codes#CODE_OFFSET} (see {@link Int4Codes}), so a kernel sums {@code query × (code + 8)} and subtracts
 * the bias once per row to get the dot product of the signed codes.
 */
record Int4Query(short[] values, int bias) {
    static Int4Query of(short[] values) {
        int sum = 0;
        for (short value : values) {
            sum += value;
        }
        return new Int4Query(values, sum * Int4Codes.CODE_OFFSET);
    }
}
