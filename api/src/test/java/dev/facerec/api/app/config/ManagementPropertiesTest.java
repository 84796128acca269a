package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binding of MANAGEMENT_ADDRESS. */
class ManagementPropertiesTest {
    @EnableConfigurationProperties(ManagementProperties.class)
    static class Binding {}

    @Test
    void theManagementPortListensOnLoopbackByDefault() {
        PropertiesContext.withApplicationYaml(Map.of())
                .withUserConfiguration(Binding.class)
                .run(context -> assertThat(
                                context.getBean(ManagementProperties.class).address())
                        .isEqualTo(InetAddress.getByName("127.0.0.1")));
        PropertiesContext.withEnvironment(Map.of())
                .withUserConfiguration(Binding.class)
                .run(context -> assertThat(
                                context.getBean(ManagementProperties.class).address())
                        .isEqualTo(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void operatorsVariableOpensIt() {
        PropertiesContext.withApplicationYaml(Map.of("MANAGEMENT_ADDRESS", "0.0.0.0"))
                .withUserConfiguration(Binding.class)
                .run(context -> assertThat(
                                context.getBean(ManagementProperties.class).address())
                        .isEqualTo(InetAddress.getByName("0.0.0.0")));
    }

    @Test
    void anEmptyAddressIsLoopbackAndANameThatDoesNotResolveStopsTheStart() {
        PropertiesContext.withApplicationYaml(Map.of("MANAGEMENT_ADDRESS", ""))
                .withUserConfiguration(Binding.class)
                .run(context -> assertThat(
                                context.getBean(ManagementProperties.class).address())
                        .isEqualTo(InetAddress.getByName("127.0.0.1")));
        PropertiesContext.withApplicationYaml(Map.of("MANAGEMENT_ADDRESS", "no-such-host.invalid"))
                .withUserConfiguration(Binding.class)
                .run(context -> assertThat(context).hasFailed());
    }
}
