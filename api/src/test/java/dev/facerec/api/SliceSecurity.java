package dev.facerec.api;

import dev.facerec.api.http.security.SecurityProperties;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.testing.InMemoryAccounts;
import dev.facerec.core.testing.InMemoryDatabase;
import dev.facerec.core.usecase.ManageAccounts;
import dev.facerec.core.usecase.ManageApiKeys;
import dev.facerec.core.usecase.SignIn;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Web slices test request and response shapes, not access rules: every request is let through, and the account
 * controllers get in-memory ports. The rules themselves are tested through real HTTP ({@code EndpointSecurityIT}).
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SliceSecurity {
    @Bean
    SecurityFilterChain letEverythingThrough(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .build();
    }

    @Bean
    InMemoryAccounts inMemoryAccounts() {
        return new InMemoryAccounts(Clock.systemUTC());
    }

    @Bean
    SignIn signIn(InMemoryAccounts fakes) {
        return new SignIn(
                fakes.users,
                fakes.tokens,
                fakes.hasher,
                fakes.issuer,
                fakes.attempts,
                fakes.knownAddresses,
                new SignIn.Settings(
                        Duration.ofDays(1), 5, 20, 50, Duration.ofMinutes(15), Duration.ZERO, Duration.ofDays(30)),
                Clock.systemUTC());
    }

    @Bean
    ManageAccounts manageAccounts(InMemoryAccounts fakes) {
        return new ManageAccounts(fakes.users, fakes.tokens, fakes.hasher, Clock.systemUTC());
    }

    @Bean
    ManageApiKeys manageApiKeys(InMemoryAccounts fakes, ObjectProvider<GalleryRepository> galleries) {
        return new ManageApiKeys(
                fakes.keys,
                galleries.getIfAvailable(() -> new InMemoryDatabase().galleries()),
                fakes.users,
                ManageApiKeys.Owners.ACCOUNTS,
                Clock.systemUTC());
    }
}
