package dev.facerec.persistence;

/** A database that one test class owns, removed again by {@link #close()}. */
interface TestDatabase extends AutoCloseable {
    DatabaseSettings settings();

    @Override
    void close();
}
