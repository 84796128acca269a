package dev.facerec.ml.index;

/** The portable kernel, and the reference the vector kernel is tested against. */
final class ScalarInt4Dot implements Int4Dot {
    @Override
    public int dot(byte[] codes, int offset, short[] query) {
        int sum = 0;
        int blocks = query.length / Int4Codes.BLOCK_DIMS;
        for (int block = 0; block < blocks; block++) {
            int base = offset + block * Int4Codes.BLOCK_BYTES;
            int dims = block * Int4Codes.BLOCK_DIMS;
            for (int j = 0; j < 16; j++) {
                int lane = (codes[base + 2 * j] & 0xFF) | (codes[base + 2 * j + 1] << 8);
                for (int nibble = 0; nibble < 4; nibble++) {
                    int code = (lane << (28 - 4 * nibble)) >> 28;
                    sum += code * query[dims + 16 * nibble + j];
                }
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return "scalar";
    }
}
