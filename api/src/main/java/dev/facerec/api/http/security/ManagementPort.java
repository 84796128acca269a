package dev.facerec.api.http.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The port the actuator listens on when it has its own ({@code MANAGEMENT_PORT}): requests that arrive there may read
 * health, info and metrics without credentials, because that port is for the internal network only (no load balancer
 * routes it). When the actuator shares the API port, no request matches and the actuator needs ADMIN like anything
 * else.
 */
final class ManagementPort implements ApplicationListener<WebServerInitializedEvent>, RequestMatcher {
    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        return port > 0 && request.getLocalPort() == port;
    }
}
