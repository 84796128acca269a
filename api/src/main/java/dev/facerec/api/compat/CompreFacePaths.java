package dev.facerec.api.compat;

/** Where CompreFace's services live, and which service a path belongs to (its errors name it). */
final class CompreFacePaths {
    static final String RECOGNITION = "/api/v1/recognition";
    static final String DETECTION = "/api/v1/detection";
    static final String VERIFICATION = "/api/v1/verification";

    /** Every path of the front door, for its security chain. */
    static final String[] PATTERNS = {RECOGNITION + "/**", DETECTION + "/**", VERIFICATION + "/**"};

    private CompreFacePaths() {}

    static boolean matches(String path) {
        return under(path, RECOGNITION) || under(path, DETECTION) || under(path, VERIFICATION);
    }

    /** The service a path belongs to, as CompreFace names it in its errors. */
    static String service(String path) {
        if (under(path, DETECTION)) {
            return "Detection";
        }
        if (under(path, VERIFICATION)) {
            return "Verification";
        }
        return "Recognition";
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
