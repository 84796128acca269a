package dev.facerec.api.rest.metrics;

import static dev.facerec.api.http.policy.Access.Level.OPERATOR;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotAudited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /metrics} and {@code /metrics/prometheus} for scrapers configured with the conventional path: the same text
 * as {@code /actuator/prometheus}, produced by Boot's own scrape endpoint rather than a second exposition. Always the
 * Prometheus text format 0.0.4, the one every scraper reads. 404 when the Prometheus endpoint is switched off.
 */
@RestController
class PrometheusTextController {
    private final ObjectProvider<PrometheusScrapeEndpoint> endpoint;

    PrometheusTextController(ObjectProvider<PrometheusScrapeEndpoint> endpoint) {
        this.endpoint = endpoint;
    }

    @Operation(
            summary = "Metrics in the Prometheus text format",
            operationId = "scrapeMetrics",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "Prometheus text format 0.0.4",
                            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string"))))
    @Access(OPERATOR)
    @NotAudited("scraped every few seconds, outside the audited /api/v1")
    @GalleryScope(NONE)
    @GetMapping({"/metrics", "/metrics/prometheus"})
    ResponseEntity<byte[]> scrape() {
        PrometheusScrapeEndpoint scrape = endpoint.getIfAvailable();
        if (scrape == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        WebEndpointResponse<byte[]> response = scrape.scrape(PrometheusOutputFormat.CONTENT_TYPE_004, null);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.getStatus());
        if (response.getContentType() != null) {
            builder.contentType(new MediaType(response.getContentType()));
        }
        return builder.body(response.getBody());
    }
}
