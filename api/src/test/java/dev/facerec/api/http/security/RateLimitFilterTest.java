package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.account.ApiKey;
import dev.facerec.core.account.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

/** Requests a minute per client address and per caller: 429 with Retry-After and a problem body past either. */
class RateLimitFilterTest {
    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void pastTheAddressLimitTheAnswerIs429WithRetryAfterAndProbesStayOpen() throws Exception {
        var filter = new RateLimitFilter(new InProcessCounters(100, Clock.systemUTC()), 0, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(call(filter, "/api/v1/galleries", "10.0.0.1").getStatus())
                    .isEqualTo(200);
        }
        MockHttpServletResponse refused = call(filter, "/api/v1/galleries", "10.0.0.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"", "from your address");

        assertThat(call(filter, "/health/ready", "10.0.0.1").getStatus())
                .as("a busy client never makes the instance look dead")
                .isEqualTo(200);
        assertThat(call(filter, "/api/v1/galleries", "10.0.0.2").getStatus())
                .as("another address has its own count")
                .isEqualTo(200);
    }

    @Test
    void aCallerIsLimitedWhicheverAddressItComesFrom() throws Exception {
        var filter = new RateLimitFilter(new InProcessCounters(100, Clock.systemUTC()), 2, 0);
        ApiKey key = new ApiKey(
                UUID.randomUUID(),
                "frk_0123456789ab",
                "ab".repeat(32),
                "ci",
                Role.VIEWER,
                "admin",
                Instant.now(),
                null,
                null,
                null,
                null);
        SecurityContextHolder.setContext(new SecurityContextImpl(new ApiKeyAuthentication(key, key.role())));
        assertThat(call(filter, "/api/v1/faces/detect", "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(call(filter, "/api/v1/faces/detect", "10.0.0.2").getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = call(filter, "/api/v1/faces/detect", "10.0.0.3");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("for key:frk_0123456789ab");
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        var filter = new RateLimitFilter(new InProcessCounters(100, Clock.systemUTC()), 0, 0);
        for (int i = 0; i < 50; i++) {
            assertThat(call(filter, "/api/v1/galleries", "10.0.0.1").getStatus())
                    .isEqualTo(200);
        }
    }

    private static MockHttpServletResponse call(RateLimitFilter filter, String path, String address) throws Exception {
        var request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr(address);
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
