package dev.facerec.api.app.events;

import dev.facerec.core.event.DomainEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link DomainEvents} the use cases raise their events through, delivering them to every
 * {@link DomainEventListener} bean (replica notification today; webhooks and live views later). Imported by each
 * configuration that builds a writing use case, so no context can hold one that tells nobody.
 */
@Configuration(proxyBeanMethods = false)
public class DomainEventConfiguration {
    @Bean
    DomainEvents domainEvents(ObjectProvider<DomainEventListener> listeners) {
        return new ListenerFanOut(listeners);
    }
}
