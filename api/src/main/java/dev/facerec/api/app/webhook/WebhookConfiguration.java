package dev.facerec.api.app.webhook;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.PeriodicJob;
import dev.facerec.api.app.events.DomainEventListener;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.usecase.ManageWebhooks;
import dev.facerec.core.webhook.AddressGuard;
import dev.facerec.core.webhook.Backoff;
import dev.facerec.core.webhook.WebhookDispatcher;
import dev.facerec.core.webhook.WebhookRepository;
import dev.facerec.core.webhook.WebhookWorker;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Webhooks: the use case, a listener that queues deliveries for domain events off the use case's thread, and the
 * worker that sends due deliveries every poll interval (on every replica; the claim in the log makes each send once).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
@Import(ClockConfiguration.class)
public class WebhookConfiguration {
    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    AddressGuard webhookAddressGuard(WebhookProperties properties) {
        return AddressGuard.of(properties.allowedHosts());
    }

    @Bean
    ManageWebhooks manageWebhooks(WebhookRepository webhooks, AddressGuard guard, KeyRing keys, Clock clock) {
        return new ManageWebhooks(webhooks, guard, keys, clock);
    }

    @Bean(destroyMethod = "close")
    ExecutorService webhookQueueing() {
        return Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("webhook-queue").factory());
    }

    @Bean
    DomainEventListener webhookListener(
            WebhookRepository webhooks, PersonRepository persons, Clock clock, ExecutorService webhookQueueing) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(webhooks, persons, clock);
        return event -> webhookQueueing.execute(() -> {
            try {
                dispatcher.dispatch(event);
            } catch (RuntimeException e) {
                // An event holds ids only, so it may be logged.
                log.warn("Could not queue webhooks for {}", event, e);
            }
        });
    }

    @Bean(destroyMethod = "close")
    WebhookWorker webhookWorker(
            WebhookRepository webhooks,
            AddressGuard guard,
            KeyRing keys,
            WebhookProperties properties,
            Clock clock,
            ObjectProvider<MeterRegistry> registry) {
        SecureRandom random = new SecureRandom();
        return new WebhookWorker(
                webhooks,
                guard,
                keys,
                properties.settings(),
                new Backoff(properties.backoffBase(), properties.backoffCap(), random::nextDouble),
                new WebhookMetrics(registry.getIfAvailable(), webhooks),
                clock);
    }

    @Bean(destroyMethod = "close")
    PeriodicJob webhookSender(WebhookWorker worker, WebhookProperties properties) {
        return PeriodicJob.start("webhook-sender", properties.pollInterval(), worker::runDue);
    }
}
