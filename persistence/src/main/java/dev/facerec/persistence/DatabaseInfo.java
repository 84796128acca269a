package dev.facerec.persistence;

import static java.util.Objects.requireNonNull;

/** Which database the service uses, for the health view. The URL never contains a password. */
public record DatabaseInfo(Kind kind, String url) {
    public DatabaseInfo {
        requireNonNull(kind, "kind is null");
        requireNonNull(url, "url is null");
    }

    static DatabaseInfo of(DatabaseSettings settings) {
        return new DatabaseInfo(settings.isEmbedded() ? Kind.EMBEDDED : Kind.POSTGRESQL, settings.jdbcUrl());
    }

    /** The two databases the service runs on. */
    public enum Kind {
        EMBEDDED,
        POSTGRESQL
    }
}
