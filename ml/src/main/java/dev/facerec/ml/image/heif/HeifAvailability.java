package dev.facerec.ml.image.heif;

import static java.util.Objects.requireNonNull;

/** Whether HEIC and AVIF can be decoded in this process: a loaded {@link HeifCodec}, or why there is none. */
public sealed interface HeifAvailability {
    /** One line for logs and health views: {@code libheif 1.15.1} or {@code unavailable: <reason>}. */
    String status();

    /** libheif is loaded, of a version this code was tested with. */
    record Available(HeifCodec codec) implements HeifAvailability {
        public Available {
            requireNonNull(codec, "codec is null");
        }

        @Override
        public String status() {
            return "libheif " + codec.version();
        }
    }

    /** libheif is missing, too old, or the JVM refuses native access; HEIC and AVIF uploads are refused. */
    record Unavailable(String reason) implements HeifAvailability {
        public Unavailable {
            requireNonNull(reason, "reason is null");
        }

        @Override
        public String status() {
            return "unavailable: " + reason;
        }
    }
}
