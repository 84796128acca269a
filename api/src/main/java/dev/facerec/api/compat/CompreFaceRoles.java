package dev.facerec.api.compat;

import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Policies;
import dev.facerec.core.account.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The role each CompreFace handler declares ({@link Access}) against the key's role now, before the handler reads the
 * body. The REST API's URL rules are built from the same annotations; this front door's chain checks keys only, so its
 * roles are checked here. CompreFace has no roles; a key that may not do the call is answered 403 with code 10.
 */
final class CompreFaceRoles implements HandlerInterceptor {
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().getPackageName().equals(CompreFaceRoles.class.getPackageName())) {
            return true;
        }
        Access access = Policies.find(method, Access.class)
                .orElseThrow(() -> new IllegalStateException(method + " declares no @Access"));
        Role needed = switch (access.value()) {
            case VIEWER -> Role.VIEWER;
            case OPERATOR -> Role.OPERATOR;
            default -> Role.ADMIN;
        };
        Role role = CompreFaceCaller.current().role();
        if (role == null || !role.includes(needed)) {
            throw new CompreFaceException(
                    HttpStatus.FORBIDDEN,
                    10,
                    "This API key may not do this: it needs role " + needed + " and has "
                            + (role == null ? "none" : role) + ". Create a key with that role.");
        }
        return true;
    }
}
