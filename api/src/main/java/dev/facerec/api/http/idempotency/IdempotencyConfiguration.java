package dev.facerec.api.http.idempotency;

import dev.facerec.api.app.cache.RedisConfigured;
import dev.facerec.api.app.cache.RedisConnector;
import dev.facerec.api.app.cache.RedisEmbeddingCache;
import dev.facerec.api.http.policy.Policies;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The idempotency store (Redis when {@code REDIS_HOST} is set, in-process otherwise) and its filter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {
    @Bean
    @Conditional(RedisConfigured.class)
    IdempotencyStore redisIdempotencyStore(RedisConnector redis, IdempotencyProperties properties) {
        return new RedisIdempotencyStore(redis, properties.ttl(), RedisEmbeddingCache.DEFAULT_PREFIX);
    }

    @Bean
    @Conditional(RedisConfigured.Not.class)
    IdempotencyStore inProcessIdempotencyStore(IdempotencyProperties properties) {
        return new InProcessIdempotencyStore(properties.ttl(), properties.maxEntries());
    }

    /**
     * After authentication (Spring Security's filter chain runs at {@code DEFAULT_FILTER_ORDER}), so that only an
     * authorised caller can claim or replay a key, and keys are kept per caller.
     */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
            IdempotencyStore store,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlers) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(store, new Policies(handlers)));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
