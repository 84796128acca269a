package dev.facerec.api.cache;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when {@code facerec.redis.host} ({@code REDIS_HOST}) has text. {@code @ConditionalOnProperty} is not enough:
 * application.yml maps an unset variable to an empty string, which it counts as set.
 */
public final class RedisConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String host = context.getEnvironment().getProperty("facerec.redis.host");
        return host != null && !host.isBlank();
    }

    /** The opposite, for the in-process beans. */
    public static final class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new RedisConfigured().matches(context, metadata);
        }
    }
}
