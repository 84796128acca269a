package dev.facerec.api.http.error;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Front doors whose clients expect errors in another format than RFC 9457 problems (the CompreFace-compatible API
 * answers {@code {"message", "code"}}). The service's one error path still makes a problem for every error; a dialect
 * says, for the paths it covers, what to answer instead. Also read by Tomcat's error page ({@link
 * ProblemErrorReportValve}), which answers requests the application never saw and so lives outside Spring: hence a
 * registry of its own, filled by each front door's configuration at start-up.
 */
public final class ErrorDialects {
    private static final List<Dialect> DIALECTS = new CopyOnWriteArrayList<>();
    // Makes register's look-then-add one step. A lock of its own rather than the list's monitor, which reads as if it
    // held off the list's own writers: those lock another object (SpotBugs JLM_JSR166_UTILCONCURRENT_MONITORENTER).
    private static final Object REGISTERING = new Object();

    private ErrorDialects() {}

    /** A front door's way of answering errors. Stateless: one instance serves every application context. */
    public interface Dialect {
        /** Whether requests to this path (without the context path) are answered in this dialect. */
        boolean covers(String path);

        /**
         * The answer in place of a problem.
         *
         * @param problemCode the problem's {@code code} ({@link ProblemCode} name), or empty when unknown
         * @param detail the problem's detail, for a person
         * @param status the problem's status
         * @param headers the request's headers by name (any case), null when absent
         */
        Answer answer(
                String method,
                String path,
                String problemCode,
                String detail,
                int status,
                UnaryOperator<String> headers);
    }

    /** What to answer: its status, content type and body. */
    public record Answer(int status, String contentType, byte[] body) {
        public Answer {
            requireNonNull(contentType, "contentType is null");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /** Registers {@code dialect} once per class, whichever application context asks first. */
    public static void register(Dialect dialect) {
        requireNonNull(dialect, "dialect is null");
        synchronized (REGISTERING) {
            if (DIALECTS.stream().noneMatch(known -> known.getClass().equals(dialect.getClass()))) {
                DIALECTS.add(dialect);
            }
        }
    }

    /** The dialect of requests to {@code path}, if a front door registered one. */
    public static Optional<Dialect> of(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return DIALECTS.stream().filter(dialect -> dialect.covers(path)).findFirst();
    }
}
