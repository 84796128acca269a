package dev.facerec.api.app.config;

import static java.util.Objects.requireNonNull;

import dev.facerec.api.http.security.AddressRange;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code facerec.client-address.*}: which address per-address rate limits, sign-in lock-outs and the audit log take
 * for the client of a request.
 *
 * @param forwardHeadersStrategy {@code FORWARD_HEADERS_STRATEGY}: {@code native} takes the client from
 *     {@code X-Forwarded-For} when the request comes from a trusted proxy; {@code none} always takes the address the
 *     connection comes from
 * @param trustedProxies {@code TRUSTED_PROXIES}: the proxies whose {@code X-Forwarded-For} is believed, as addresses or
 *     CIDR ranges; by default loopback and the private ranges, where a load balancer beside the service lives
 */
@ConfigurationProperties("facerec.client-address")
public record ClientAddressProperties(
        @DefaultValue("native") String forwardHeadersStrategy,

        @DefaultValue({
            "127.0.0.0/8",
            "::1/128",
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "169.254.0.0/16",
            "100.64.0.0/10",
            "fc00::/7",
            "fe80::/10"
        })
        List<String> trustedProxies) {
    public ClientAddressProperties {
        requireNonNull(forwardHeadersStrategy, "forwardHeadersStrategy is null");
        forwardHeadersStrategy = forwardHeadersStrategy.strip().toLowerCase(Locale.ROOT);
        if (!forwardHeadersStrategy.equals("native") && !forwardHeadersStrategy.equals("none")) {
            // Spring's "framework" strategy would believe the header from any client, so anyone could pick the
            // address that rate limits, lock-outs and the audit see.
            throw new IllegalArgumentException(
                    "FORWARD_HEADERS_STRATEGY (facerec.client-address.forward-headers-strategy)"
                            + " must be native (X-Forwarded-For from TRUSTED_PROXIES only) or none, not "
                            + forwardHeadersStrategy);
        }
        trustedProxies = trustedProxies == null
                ? List.of()
                : trustedProxies.stream()
                        .map(String::strip)
                        .filter(range -> !range.isEmpty())
                        .toList();
        for (String range : trustedProxies) {
            if (AddressRange.parse(range).isEmpty()) {
                throw new IllegalArgumentException("TRUSTED_PROXIES (facerec.client-address.trusted-proxies) takes IP"
                        + " addresses and CIDR ranges such as 10.0.0.0/8 or fd00::/8, comma separated; not " + range);
            }
        }
    }

    /** Whether {@code X-Forwarded-For} is read at all. */
    public boolean readsForwardedFor() {
        return forwardHeadersStrategy.equals("native");
    }

    /** The trusted proxies, parsed. */
    public List<AddressRange> trustedRanges() {
        return trustedProxies.stream()
                .map(range -> AddressRange.parse(range).orElseThrow())
                .toList();
    }
}
