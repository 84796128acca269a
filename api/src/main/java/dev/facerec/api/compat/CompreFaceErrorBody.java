package dev.facerec.api.compat;

/** CompreFace's error body. */
record CompreFaceErrorBody(String message, int code) {}
