package dev.facerec.api.http.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A deliberate decision that the endpoint ignores {@code Idempotency-Key}, with the reason. Needed on POST and PATCH
 * endpoints (the methods HTTP does not make idempotent); the others may leave it out.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NotIdempotent {
    /** Why not, for the next reader. */
    String value();
}
