package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binding of FORWARD_HEADERS_STRATEGY and TRUSTED_PROXIES. */
class ClientAddressPropertiesTest {
    private static final List<String> LOOPBACK_AND_PRIVATE = List.of(
            "127.0.0.0/8",
            "::1/128",
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "169.254.0.0/16",
            "100.64.0.0/10",
            "fc00::/7",
            "fe80::/10");

    @EnableConfigurationProperties(ClientAddressProperties.class)
    static class Binding {}

    @Test
    void byDefaultLoopbackAndPrivateProxiesAreTrusted() {
        PropertiesContext.withApplicationYaml(Map.of())
                .withUserConfiguration(Binding.class)
                .run(context -> {
                    ClientAddressProperties properties = context.getBean(ClientAddressProperties.class);
                    assertThat(properties.readsForwardedFor()).isTrue();
                    assertThat(properties.trustedProxies()).containsExactlyElementsOf(LOOPBACK_AND_PRIVATE);
                });
        PropertiesContext.withEnvironment(Map.of())
                .withUserConfiguration(Binding.class)
                .run(context -> assertThat(
                                context.getBean(ClientAddressProperties.class).trustedProxies())
                        .as("the record's own default is application.yml's")
                        .containsExactlyElementsOf(LOOPBACK_AND_PRIVATE));
    }

    @Test
    void operatorsVariablesChooseTheProxies() {
        PropertiesContext.withApplicationYaml(
                        Map.of("TRUSTED_PROXIES", " 192.0.2.10, 2001:db8::/32 ,", "FORWARD_HEADERS_STRATEGY", "NONE"))
                .withUserConfiguration(Binding.class)
                .run(context -> {
                    ClientAddressProperties properties = context.getBean(ClientAddressProperties.class);
                    assertThat(properties.trustedProxies()).containsExactly("192.0.2.10", "2001:db8::/32");
                    assertThat(properties.readsForwardedFor()).isFalse();
                });
        PropertiesContext.withApplicationYaml(Map.of("TRUSTED_PROXIES", ""))
                .withUserConfiguration(Binding.class)
                .run(context -> assertThat(
                                context.getBean(ClientAddressProperties.class).trustedRanges())
                        .as("empty: no proxy is trusted")
                        .isEmpty());
    }

    @Test
    void aNameARangeTyposOrTheFrameworkStrategyStopTheStart() {
        for (Map<String, Object> environment : List.<Map<String, Object>>of(
                Map.of("TRUSTED_PROXIES", "10.0.0.0/8,traefik"),
                Map.of("TRUSTED_PROXIES", "10.0.0.0/40"),
                Map.of("FORWARD_HEADERS_STRATEGY", "framework"))) {
            PropertiesContext.withApplicationYaml(environment)
                    .withUserConfiguration(Binding.class)
                    .run(context ->
                            assertThat(context).as(environment.toString()).hasFailed());
        }
    }
}
