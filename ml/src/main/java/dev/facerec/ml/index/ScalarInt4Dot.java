package dev.facerec.ml.index;

/** The portable kernel, and the reference the vector kernel is tested against. */
final class ScalarInt4Dot implements Int4Dot {
    @Override
    public int dot(byte[] codes, int offset, Int4Query query) {
        short[] values = query.values();
        int sum = 0;
        int blocks = values.length / Int4Codes.BLOCK_DIMS;
        for (int block = 0; block < blocks; block++) {
            int base = offset + block * Int4Codes.BLOCK_BYTES;
            int dims = block * Int4Codes.BLOCK_DIMS;
            for (int j = 0; j < 16; j++) {
                int lane = (codes[base + 2 * j] & 0xFF) | ((codes[base + 2 * j + 1] & 0xFF) << 8);
                for (int nibble = 0; nibble < 4; nibble++) {
                    int code = ((lane >>> (4 * nibble)) & 0xF) - Int4Codes.CODE_OFFSET;
                    sum += code * values[dims + 16 * nibble + j];
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
