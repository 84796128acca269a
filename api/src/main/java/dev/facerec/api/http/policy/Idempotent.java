package dev.facerec.api.http.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint takes an {@code Idempotency-Key}: a retry with the same key and request by the same caller is answered
 * with the first response instead of running again ({@code IdempotencyFilter}). The response is kept for the key's
 * lifetime, so it must hold no secret.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {}
