package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding of facerec.security, secrets never printed, and what production refuses. */
class SecurityPropertiesTest {
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Binding {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @TempDir
    Path dataDir;

    @Test
    void defaultsAreSafeAndSecretsAreMasked() {
        context.withPropertyValues(
                        "facerec.security.jwt-secret-key=s3cret-value-that-must-never-be-printed",
                        "facerec.security.admin-password=admin-password-never-printed",
                        "facerec.security.cors-allowed-origins=https://app.example, ,https://ops.example")
                .run(started -> {
                    SecurityProperties properties = started.getBean(SecurityProperties.class);
                    assertThat(properties.production()).isFalse();
                    assertThat(properties.externalIssuer()).isFalse();
                    assertThat(properties.openSignUp()).isFalse();
                    assertThat(properties.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(properties.maxFailuresPerAccount()).isEqualTo(5);
                    assertThat(properties.maxFailuresPerAddress()).isEqualTo(20);
                    assertThat(properties.maxFailuresPerAccountAllAddresses()).isEqualTo(50);
                    assertThat(properties.failureDelay()).isEqualTo(Duration.ofMillis(200));
                    assertThat(properties.knownAddressLifetime()).isEqualTo(Duration.ofDays(30));
                    assertThat(properties.corsAllowedOrigins())
                            .containsExactly("https://app.example", "https://ops.example");
                    assertThat(properties.toString())
                            .doesNotContain("s3cret-value")
                            .doesNotContain("admin-password-never")
                            .contains("******");
                });
    }

    @Test
    void theSignInThrottleBindsFromTheEnvironmentNames() {
        context.withPropertyValues(
                        "facerec.security.max-failures-per-account=3",
                        "facerec.security.max-failures-per-address=30",
                        "facerec.security.max-failures-per-account-all-addresses=0",
                        "facerec.security.failure-window=5m",
                        "facerec.security.failure-delay=50ms",
                        "facerec.security.known-address-lifetime=7d")
                .run(started -> {
                    SecurityProperties properties = started.getBean(SecurityProperties.class);
                    assertThat(properties.maxFailuresPerAccount()).isEqualTo(3);
                    assertThat(properties.maxFailuresPerAddress()).isEqualTo(30);
                    assertThat(properties.maxFailuresPerAccountAllAddresses()).isZero();
                    assertThat(properties.failureWindow()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(properties.failureDelay()).isEqualTo(Duration.ofMillis(50));
                    assertThat(properties.knownAddressLifetime()).isEqualTo(Duration.ofDays(7));
                });
        context.withPropertyValues("facerec.security.failure-delay=10s")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("facerec.security.max-failures-per-account-all-addresses=-1")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("facerec.security.known-address-lifetime=0s")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void anUnknownEnvironmentOrANonsenseLimitDoesNotStart() {
        context.withPropertyValues("facerec.security.environment=prod")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("facerec.security.clock-skew=1h")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void productionRefusesMissingShortAndWellKnownSecrets() {
        ServiceSecrets production = new ServiceSecrets(dataDir, true);
        assertThatThrownBy(() -> production.required("JWT_SECRET_KEY", "", "jwt-secret"))
                .isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("JWT_SECRET_KEY is not set");
        assertThatThrownBy(() -> production.required("JWT_SECRET_KEY", "short", "jwt-secret"))
                .hasMessageContaining("at least 32 are required");
        assertThatThrownBy(() -> production.required(
                        "JWT_SECRET_KEY", "change-me-to-a-random-string-of-at-least-32-bytes", "jwt-secret"))
                .hasMessageContaining("well-known word");
        assertThatThrownBy(() -> production.required("JWT_SECRET_KEY", "ab".repeat(20), "jwt-secret"))
                .hasMessageContaining("repeats a few characters");
        String strong = "q8Zr1-vN3kP0wX7yB2mC9tL4sD6fG5hJ_aE";
        assertThat(production.required("JWT_SECRET_KEY", strong, "jwt-secret")).isEqualTo(strong);
        assertThat(dataDir.resolve("secrets")).doesNotExist();
    }

    @Test
    void developmentGeneratesAMissingSecretOnceIntoAnOwnerOnlyFile() throws Exception {
        ServiceSecrets development = new ServiceSecrets(dataDir, false);
        String first = development.required("JWT_SECRET_KEY", "", "jwt-secret");
        assertThat(first.length()).isGreaterThanOrEqualTo(ServiceSecrets.MIN_SECRET_BYTES);
        assertThat(development.required("JWT_SECRET_KEY", "", "jwt-secret")).isEqualTo(first);
        Path file = dataDir.resolve("secrets/jwt-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(development.required("JWT_SECRET_KEY", "weak", "jwt-secret"))
                .as("development accepts what it is given")
                .isEqualTo("weak");
    }
}
