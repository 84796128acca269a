package dev.facerec.ml.index;

/** The portable kernel; C2 does not vectorise this byte-times-short reduction, hence {@link VectorInt8Dot}. */
final class ScalarInt8Dot implements Int8Dot {
    @Override
    public int dot(byte[] codes, int offset, short[] query) {
        int sum = 0;
        for (int i = 0; i < query.length; i++) {
            sum += codes[offset + i] * query[i];
        }
        return sum;
    }

    @Override
    public String toString() {
        return "scalar";
    }
}
