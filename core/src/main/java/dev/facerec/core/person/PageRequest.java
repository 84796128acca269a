package dev.facerec.core.person;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.List;
import java.util.Map;

/**
 * Which page of a list to answer with: every list of the service pages the same way, so a client can walk any of them
 * with one loop.
 *
 * @param page counted from 0; a page past the end is empty, not an error
 * @param size items per page, 1 to {@value #MAX_SIZE}
 * @throws FaceException {@code INVALID_REQUEST} naming the field ({@code page} or {@code size}) when either is out of
 *     range
 */
public record PageRequest(int page, int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public PageRequest {
        if (page < 0) {
            throw invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw invalid("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    /** The first page of the default size. */
    public static PageRequest first() {
        return new PageRequest(0, DEFAULT_SIZE);
    }

    /** How many items come before this page; a long, as {@code page * size} can pass {@link Integer#MAX_VALUE}. */
    public long offset() {
        return (long) page * size;
    }

    /** This page of a list already held in full, with the list's length as the total. */
    public <T> Page<T> of(List<T> all) {
        requireNonNull(all, "all is null");
        int from = (int) Math.min(offset(), all.size());
        int to = (int) Math.min(offset() + size, all.size());
        return new Page<>(all.subList(from, to), page, size, all.size());
    }

    private static FaceException invalid(String field, String reason) {
        return new FaceException(
                FaceErrorCode.INVALID_REQUEST,
                "The parameter '" + field + "' " + reason + ".",
                Map.of("field", field, "reason", reason));
    }
}
