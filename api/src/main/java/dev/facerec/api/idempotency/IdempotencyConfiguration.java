package dev.facerec.api.idempotency;

import dev.facerec.api.cache.RedisConfigured;
import dev.facerec.api.cache.RedisConnector;
import dev.facerec.api.cache.RedisEmbeddingCache;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

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

    /** Right after the request id filter, so replays and refusals carry the request id too. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(store));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
