package dev.facerec.api.http.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call the endpoint. Checked by Spring Security's URL rules, which are built from these annotations at
 * start-up, so an unauthenticated or unauthorised caller is refused (401, 403) before the body is read or
 * validated. An endpoint without it needs ADMIN: closed unless declared open.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Access {
    Level value();

    enum Level {
        /** Anyone, with or without credentials: probes, and sign-in and refresh, which check their own. */
        PUBLIC,
        /** Any authenticated caller, whatever its role. */
        SIGNED_IN,
        VIEWER,
        OPERATOR,
        ADMIN,
        /** Anyone while open sign-up is on ({@code OPEN_SIGN_UP}), otherwise ADMIN. */
        ADMIN_UNLESS_OPEN_SIGN_UP
    }
}
