package dev.facerec.index;

/** The portable kernel, and the reference the vector kernel is tested against; reads any {@link Int4Layout}. */
final class ScalarInt4Dot implements Int4Dot {
    private final Int4Layout layout;

    ScalarInt4Dot(Int4Layout layout) {
        this.layout = layout;
    }

    @Override
    public Int4Layout layout() {
        return layout;
    }

    @Override
    public int dot(byte[] codes, int offset, Int4Query query) {
        short[] values = query.values();
        int lanes = layout.lanes();
        int sum = 0;
        int blocks = values.length / layout.blockDims();
        for (int block = 0; block < blocks; block++) {
            int base = offset + block * layout.blockBytes();
            int dims = block * layout.blockDims();
            for (int j = 0; j < lanes; j++) {
                int lane = (codes[base + 2 * j] & 0xFF) | ((codes[base + 2 * j + 1] & 0xFF) << 8);
                for (int nibble = 0; nibble < 4; nibble++) {
                    int code = ((lane >>> (4 * nibble)) & 0xF) - Int4Codes.CODE_OFFSET;
                    sum += code * values[dims + lanes * nibble + j];
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
