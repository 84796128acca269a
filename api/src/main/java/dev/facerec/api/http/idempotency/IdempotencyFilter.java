package dev.facerec.api.http.idempotency;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.facerec.api.http.error.ProblemCode;
import dev.facerec.api.http.error.ProblemWriter;
import dev.facerec.api.http.policy.Idempotent;
import dev.facerec.api.http.policy.Policies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on the endpoints that take it ({@link Idempotent}: the creating POSTs of galleries, persons and
 * face enrolments): the first response per key is
 * stored and a retry of the same request (same method, path and body SHA-256) gets it again, with
 * {@code Idempotent-Replayed: true}, without running twice. The same key with another request is refused with 422
 * {@code IDEMPOTENCY_KEY_REUSED}; a retry while the first still runs with 409 {@code IDEMPOTENCY_IN_PROGRESS}.
 * Responses of 5xx are not stored (the key is released), so a retry after a server failure runs again.
 * Keys are kept per authenticated caller, so one client's key never answers another's request.
 *
 * <p>A multipart body is fingerprinted from its parsed parts (names and bytes, not the random boundary), so a client
 * library that picks a new boundary on retry is still recognised; the container keeps the parsed parts for the
 * controller.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_JSON_BODY = 1 << 20;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION);

    private final IdempotencyStore store;
    private final Policies policies;
    private final JsonMapper json = JsonMapper.builder().build();

    public IdempotencyFilter(IdempotencyStore store, Policies policies) {
        this.store = store;
        this.policies = policies;
    }

    /** The store's key for a client's {@code key}: the caller's name and the key. */
    public static String scopedKey(java.security.Principal caller, String key) {
        return (caller == null ? "anonymous" : caller.getName()) + "\n" + key;
    }

    /** Only requests that carry a key, to a handler that takes one ({@link Idempotent}). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null
                || !policies.handler(request)
                        .flatMap(Policies::idempotency)
                        .map(Policies.Decision::applies)
                        .orElse(false);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!KEY.matcher(key).matches()) {
            ProblemWriter.write(
                    request,
                    response,
                    ProblemCode.INVALID_REQUEST,
                    "The Idempotency-Key header must have 1 to 255 visible ASCII characters.",
                    Map.of());
            return;
        }
        Fingerprinted fingerprinted = fingerprint(request);
        if (fingerprinted == null) {
            // The body cannot be read here (too large, broken multipart): let the endpoint answer the error.
            chain.doFilter(request, response);
            return;
        }
        // Keys are per caller: another caller's key neither replays nor blocks this one's.
        key = scopedKey(request.getUserPrincipal(), key);
        switch (store.claim(key, fingerprinted.fingerprint())) {
            case IdempotencyStore.Claim.InProgress ignored ->
                ProblemWriter.write(
                        request,
                        response,
                        ProblemCode.IDEMPOTENCY_IN_PROGRESS,
                        "A request with this Idempotency-Key is still running. Retry when it has finished.",
                        Map.of());
            case IdempotencyStore.Claim.Completed(StoredResponse stored) -> {
                if (stored.fingerprint().equals(fingerprinted.fingerprint())) {
                    replay(stored, response);
                } else {
                    ProblemWriter.write(
                            request,
                            response,
                            ProblemCode.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key was used for a different request. Use a new key for a new request.",
                            Map.of());
                }
            }
            case IdempotencyStore.Claim.Claimed ignored -> run(key, fingerprinted, response, chain);
        }
    }

    private void run(String key, Fingerprinted request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var recording = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request.request(), recording);
            int status = recording.getStatus();
            byte[] body = recording.getContentAsByteArray();
            if (status < 500 && (status < 400 || body.length > 0)) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (String name : REPLAYED_HEADERS) {
                    String value = recording.getHeader(name);
                    if (value == null && name.equals(HttpHeaders.CONTENT_TYPE)) {
                        value = recording.getContentType();
                    }
                    if (value != null) {
                        headers.put(name, value);
                    }
                }
                store.complete(key, new StoredResponse(request.fingerprint(), status, headers, body));
                stored = true;
            }
        } finally {
            if (!stored) {
                store.release(key);
            }
            recording.copyBodyToResponse();
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        stored.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(stored.body().length);
        response.getOutputStream().write(stored.body());
    }

    private Fingerprinted fingerprint(HttpServletRequest request) throws IOException {
        MessageDigest digest = sha256();
        String contentType = request.getContentType();
        HttpServletRequest forward = request;
        if (contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            List<Part> parts;
            try {
                parts = request.getParts().stream()
                        .sorted(Comparator.comparing(Part::getName))
                        .toList();
            } catch (ServletException | IOException | IllegalStateException e) {
                return null;
            }
            for (Part part : parts) {
                digest.update(part.getName().getBytes(UTF_8));
                digest.update((byte) 0);
                // Streamed: an archive part may be far larger than memory should hold.
                try (InputStream in = part.getInputStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, read);
                    }
                }
                digest.update((byte) 0);
            }
        } else {
            byte[] body = request.getInputStream().readNBytes(MAX_JSON_BODY + 1);
            if (body.length > MAX_JSON_BODY) {
                return null;
            }
            digest.update(body);
            forward = new CachedBodyRequest(request, body);
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        String fingerprint = request.getMethod() + " " + request.getRequestURI() + query + " "
                + HexFormat.of().formatHex(digest.digest());
        return new Fingerprinted(forward, fingerprint);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Fingerprinted(HttpServletRequest request, String fingerprint) {}

    /** The request with its body read once for the fingerprint and served again to the endpoint. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
