package dev.facerec.api.app.cache;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when {@code facerec.redis.host} ({@code REDIS_HOST}) has text ({@link RedisProperties#configured()}), read
 * through the same record the beans get: a condition runs before any bean exists, so it binds the record itself.
 * {@code @ConditionalOnProperty} is not enough: application.yml maps an unset variable to an empty string, which it
 * counts as set.
 */
public final class RedisConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                .bind("facerec.redis", RedisProperties.class)
                .map(RedisProperties::configured)
                .orElse(false);
    }

    /** The opposite, for the in-process beans. */
    public static final class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new RedisConfigured().matches(context, metadata);
        }
    }
}
