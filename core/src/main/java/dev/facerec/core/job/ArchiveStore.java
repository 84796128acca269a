package dev.facerec.core.job;

import java.nio.file.Path;

/**
 * Keeps staged archives durable while their jobs run, so a replica that restarts (or takes a job over) can read the
 * archive again.
 */
public interface ArchiveStore {
    /** Moves the staged file into the store; the key to find it again. */
    String keep(Path staged);

    /** A file to read the archive from. */
    Path open(String key);

    /** Removes the archive; nothing happens when it is gone already. */
    void delete(String key);
}
