package dev.facerec.api.http.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The action the audit log records for each request to the endpoint, answered or refused ({@code person.delete}).
 * The names are what readers of the log and its queries rely on: keep them when a route moves.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {
    /** The action, {@code type.verb} for a resource. */
    String value();

    /** The action recorded instead when the answer is a 4xx or 5xx; empty for the same action. */
    String failed() default "";
}
