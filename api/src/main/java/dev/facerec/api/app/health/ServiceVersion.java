package dev.facerec.api.app.health;

import org.springframework.boot.info.BuildProperties;

/** The version the service reports in {@code /api/v1/health} and in its start-up notification. */
public final class ServiceVersion {
    static final String DEV_VERSION = "dev";

    private ServiceVersion() {}

    /** Boot's build-info when the build wrote it, else the jar manifest, else {@code dev} (running from classes). */
    public static String of(BuildProperties build) {
        if (build != null && build.getVersion() != null) {
            return build.getVersion();
        }
        String manifest = ServiceVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : DEV_VERSION;
    }
}
