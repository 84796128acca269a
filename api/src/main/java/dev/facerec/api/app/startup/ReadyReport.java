package dev.facerec.api.app.startup;

import dev.facerec.api.app.health.ServiceVersion;
import dev.facerec.ml.FaceEngine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Says once, when the service is ready, how long start-up took and where the time went (the targets: GPU check under
 * 10 s, ready well under 60 s), and posts the same to {@code WEBHOOK_URL} when one is set. The post runs on its own
 * virtual thread: readiness is announced right after this listener returns, and a slow hook must not delay it.
 */
@Component
@EnableConfigurationProperties(StartupProperties.class)
class ReadyReport implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(ReadyReport.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FaceEngine engine;
    private final String version;
    private final StartupProperties properties;
    private final String service;

    ReadyReport(
            FaceEngine engine,
            ObjectProvider<BuildProperties> build,
            StartupProperties properties,
            Environment environment) {
        this.engine = engine;
        this.version = ServiceVersion.of(build.getIfAvailable());
        this.properties = properties;
        this.service = environment.getProperty("spring.application.name", "facerec");
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Duration taken = event.getTimeTaken() != null ? event.getTimeTaken() : Duration.ZERO;
        log.info(
                "Ready in {} s (models {} s, execution provider {}, provider check {} ms)",
                seconds(taken.toMillis()),
                seconds(engine.loadMillis()),
                engine.executionProvider(),
                engine.providerCheckMillis());
        properties.webhook().ifPresent(url -> {
            String body = JSON.writeValueAsString(new ReadyNotification(
                    service, version, "ready", seconds(taken.toMillis()), engine.executionProvider(), host()));
            Thread.ofVirtual()
                    .name("startup-webhook")
                    .start(() -> new StartupWebhook(url, properties.webhookTimeout()).send(body));
        });
    }

    /** Seconds with one decimal, the precision an operator reads. */
    static double seconds(long millis) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.1f", millis / 1000.0));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** The webhook body: what a receiver needs to tell which replica came up, how fast and on what hardware. */
    record ReadyNotification(
            String service,
            String version,
            String status,
            double startSeconds,
            String executionProvider,
            String host) {}
}
