package dev.facerec.tools.compreface;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The import's HTTP calls to both services: a connect timeout on the client and a request timeout on every call, and
 * retries with exponential backoff on what may pass (timeouts, broken connections, 5xx, 429 and facerec's 409
 * IDEMPOTENCY_IN_PROGRESS, after the Retry-After it gives). Any other answer, a 4xx above all, is returned at once:
 * asking again would get the same refusal.
 */
final class RetryingHttp {
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int attempts;
    private final Duration firstBackoff;

    /**
     * @param attempts calls in all, the first included (at least 1)
     * @param firstBackoff the wait after the first failure; each further wait doubles it, up to 30 s
     */
    RetryingHttp(Duration connectTimeout, Duration requestTimeout, int attempts, Duration firstBackoff) {
        requireNonNull(connectTimeout, "connectTimeout is null");
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
        this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff is null");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        this.attempts = attempts;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends the request until an answer that is not worth retrying, or the attempts are spent.
     *
     * @param request built without a timeout: this class sets it
     * @return the last answer, whatever its status
     * @throws IOException the last transport failure (timeout, refused or broken connection) when no attempt got an
     *     answer
     */
    HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(requestTimeout).build();
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == attempts;
            try {
                HttpResponse<byte[]> response = client.send(built, BodyHandlers.ofByteArray());
                if (last || !worthRetrying(response)) {
                    return response;
                }
                Thread.sleep(Math.max(backoff.toMillis(), retryAfterMillis(response)));
            } catch (IOException failure) {
                if (last) {
                    throw failure;
                }
                Thread.sleep(backoff.toMillis());
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                    ? Duration.ofSeconds(30)
                    : backoff.multipliedBy(2);
        }
    }

    static boolean worthRetrying(HttpResponse<?> response) {
        int status = response.statusCode();
        return status >= 500
                || status == 429
                || (status == 409
                        && response.body() instanceof byte[] body
                        && new String(body, UTF_8).contains("IDEMPOTENCY_IN_PROGRESS"));
    }

    /** Retry-After in seconds, capped at a minute; the HTTP-date form (neither service sends it) counts as none. */
    private static long retryAfterMillis(HttpResponse<?> response) {
        try {
            OptionalLong seconds = response.headers().firstValueAsLong("Retry-After");
            return seconds.isPresent() ? Math.clamp(seconds.getAsLong(), 0, 60) * 1000 : 0;
        } catch (NumberFormatException date) {
            return 0;
        }
    }
}
