package dev.facerec.api.app.startup;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the start-up notification. Best effort: any failure (refused, timed out, a non-2xx answer) is one WARN line
 * and a {@code false}, never an exception, because a chat or paging hook being down must not keep the service down.
 * Only the scheme, host and port are logged: webhook paths and queries often carry a token.
 */
final class StartupWebhook {
    private static final Logger log = LoggerFactory.getLogger(StartupWebhook.class);

    private final URI url;
    private final Duration timeout;

    StartupWebhook(URI url, Duration timeout) {
        this.url = requireNonNull(url, "url is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Posts {@code json}; returns whether the receiver answered 2xx within the timeouts. */
    boolean send(String json) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try (HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                log.info("Start-up notification sent to {}", where());
                return true;
            }
            log.warn("Start-up notification to {} answered HTTP {}", where(), status);
        } catch (IOException e) {
            log.warn(
                    "Start-up notification to {} failed: {}",
                    where(),
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Start-up notification to {} interrupted", where());
        }
        return false;
    }

    private String where() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
