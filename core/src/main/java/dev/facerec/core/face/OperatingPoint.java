package dev.facerec.core.face;

/** A named decision threshold: the false match rate a caller accepts. */
public enum OperatingPoint {
    /** False match rate 1e-3: the default for verification and identification. */
    STANDARD,
    /** False match rate 1e-4: fewer false matches, more false rejections. */
    STRICT
}
