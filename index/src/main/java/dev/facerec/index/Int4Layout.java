package dev.facerec.index;

/**
 * How {@link Int4Codes} lays a row out for a kernel that reads {@code lanes} shorts at a time (16 for 256-bit vectors,
 * 32 for 512-bit). Components come in blocks of {@code 4 × lanes}, stored as {@code lanes} little-endian shorts; short
 * {@code j} of a block holds the block's components {@code j}, {@code lanes + j}, {@code 2·lanes + j} and {@code
 * 3·lanes + j} in its four nibbles, lowest first. A kernel then takes one nibble out of every short with one logical
 * shift and one mask, and gets {@code lanes} consecutive components that multiply {@code lanes} consecutive query
 * values: no shuffles. The dimension is padded with zeros to whole blocks.
 */
record Int4Layout(int lanes) {
    static final Int4Layout LANES_16 = new Int4Layout(16);
    static final Int4Layout LANES_32 = new Int4Layout(32);

    Int4Layout {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be positive: " + lanes);
        }
    }

    int blockDims() {
        return 4 * lanes;
    }

    int blockBytes() {
        return 2 * lanes;
    }

    int blocks(int dimension) {
        return (dimension + blockDims() - 1) / blockDims();
    }

    /** Components of a padded row (and of a padded query). */
    int paddedDims(int dimension) {
        return blocks(dimension) * blockDims();
    }

    int rowBytes(int dimension) {
        return blocks(dimension) * blockBytes();
    }

    /** The byte of a row that holds component {@code i}. */
    int byteOf(int i) {
        int within = i % blockDims();
        int nibble = within / lanes;
        return (i / blockDims()) * blockBytes() + 2 * (within % lanes) + (nibble >> 1);
    }

    /** How far up its byte component {@code i}'s nibble sits: 0 or 4. */
    int shiftOf(int i) {
        return ((i % blockDims()) / lanes & 1) * 4;
    }
}
