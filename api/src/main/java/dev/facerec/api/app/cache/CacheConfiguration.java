package dev.facerec.api.app.cache;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.metrics.CountedEmbeddingCache;
import dev.facerec.core.cache.EmbeddingCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The embedding cache: in Redis when {@code REDIS_HOST} is set, in-process otherwise. No profile to remember. Either
 * is counted by hit, miss and error (see {@link CountedEmbeddingCache}), so every user of the bean is measured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RedisProperties.class, CacheProperties.class})
@Import(ClockConfiguration.class)
public class CacheConfiguration {
    private static final Logger log = LoggerFactory.getLogger(CacheConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(RedisConfigured.class)
    RedisConnector redisConnector(RedisProperties redis, Clock clock) {
        log.info("Embedding cache and idempotency store in Redis: {}", redis);
        return new RedisConnector(redis, clock);
    }

    @Bean
    @Conditional(RedisConfigured.class)
    EmbeddingCache redisEmbeddingCache(
            RedisConnector redis, CacheProperties cache, ObjectProvider<MeterRegistry> registry) {
        return new CountedEmbeddingCache(
                new RedisEmbeddingCache(redis, cache.ttl(), RedisEmbeddingCache.DEFAULT_PREFIX),
                FaceUseCaseConfiguration.registryOf(registry));
    }

    @Bean
    @Conditional(RedisConfigured.Not.class)
    EmbeddingCache inProcessEmbeddingCache(CacheProperties cache, ObjectProvider<MeterRegistry> registry) {
        log.info("Embedding cache in process, at most {} images (set REDIS_HOST to share it)", cache.maxEntries());
        return new CountedEmbeddingCache(
                new InProcessEmbeddingCache(cache.ttl(), cache.maxEntries()),
                FaceUseCaseConfiguration.registryOf(registry));
    }
}
