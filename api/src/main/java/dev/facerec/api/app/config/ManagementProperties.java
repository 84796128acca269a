package dev.facerec.api.app.config;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.management.*}: where the management port listens.
 *
 * @param address {@code MANAGEMENT_ADDRESS}: the address the management port ({@code MANAGEMENT_PORT}) listens on;
 *     loopback by default, because health and metrics answer there without credentials. Not Boot's own {@code
 *     management.server.address}, which stops the start when the actuator shares the API port; this one then simply
 *     does not apply.
 */
@ConfigurationProperties("facerec.management")
public record ManagementProperties(
        @DefaultValue("127.0.0.1") InetAddress address) {
    public ManagementProperties {
        requireNonNull(address, "MANAGEMENT_ADDRESS (facerec.management.address) is empty");
    }
}
