package dev.facerec.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which address counts as the client's, for every shape of X-Forwarded-For a proxy or an attacker may send. */
class ClientAddressesTest {
    private static final ClientAddresses BEHIND_PRIVATE_PROXIES = new ClientAddresses(
            true,
            Stream.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "fd00::/8")
                    .map(range -> AddressRange.parse(range).orElseThrow())
                    .toList());

    @ParameterizedTest(name = "from {0} with [{1}]: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.5           | 198.51.100.7                     | 198.51.100.7",
                "10.0.0.5           | '198.51.100.7 , 10.0.0.9'        | 198.51.100.7",
                "10.0.0.5           | '203.0.113.1, 198.51.100.7'      | 198.51.100.7",
                "10.0.0.5           | '10.0.0.8, 10.0.0.9'             | 10.0.0.8",
                "0:0:0:0:0:0:0:1    | 2001:DB8:0::1                    | 2001:db8:0:0:0:0:0:1",
                "10.0.0.5           | ::ffff:198.51.100.7              | 198.51.100.7",
                "fd00:0:0:0:0:0:0:1%eth0 | 198.51.100.7                | 198.51.100.7",
                "198.51.100.99      | 203.0.113.1                      | 198.51.100.99",
                "10.0.0.5           | not-an-address                   | 10.0.0.5",
                "10.0.0.5           | 'evil.example, 198.51.100.7'     | 198.51.100.7",
                "10.0.0.5           | 'evil.example, 10.0.0.9'         | 10.0.0.5",
                "10.0.0.5           | '198.51.100.7, unknown'          | 10.0.0.5",
                "10.0.0.5           | 198.51.100.7:4711                | 10.0.0.5",
                "10.0.0.5           | [2001:db8::1]                    | 10.0.0.5",
                "10.0.0.5           | 2001:db8::1%eth0                 | 10.0.0.5",
                "10.0.0.5           | 010.0.0.1                        | 10.0.0.5",
                "10.0.0.5           | 127.1                            | 10.0.0.5",
                "10.0.0.5           | 198.51.100.256                   | 10.0.0.5",
                "10.0.0.5           | '198.51.100.7,'                  | 10.0.0.5",
                "10.0.0.5           | ''                               | 10.0.0.5",
                "10.0.0.5           | <script>                         | 10.0.0.5",
            })
    void theClientIsTheNearestAddressThatIsNotATrustedProxy(String socket, String header, String client) {
        assertThat(BEHIND_PRIVATE_PROXIES.clientAddress(socket, List.of(header)))
                .isEqualTo(client);
    }

    @Test
    void everyHeaderLineCountsInOrder() {
        assertThat(BEHIND_PRIVATE_PROXIES.clientAddress("10.0.0.5", List.of("203.0.113.1", "198.51.100.7, 10.0.0.9")))
                .isEqualTo("198.51.100.7");
        assertThat(BEHIND_PRIVATE_PROXIES.clientAddress("10.0.0.5", List.of("198.51.100.7", "bogus")))
                .isEqualTo("10.0.0.5");
    }

    @Test
    void withoutTheHeaderOrWithTheStrategyNoneTheConnectionsAddressCounts() {
        assertThat(BEHIND_PRIVATE_PROXIES.clientAddress("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
        var none = new ClientAddresses(
                false, List.of(AddressRange.parse("0.0.0.0/0").orElseThrow()));
        assertThat(none.clientAddress("10.0.0.5", List.of("198.51.100.7"))).isEqualTo("10.0.0.5");
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "172.16.0.0/12, 172.31.255.255, true",
        "172.16.0.0/12, 172.32.0.1, false",
        "100.64.0.0/10, 100.127.0.1, true",
        "100.64.0.0/10, 100.128.0.1, false",
        "fc00::/7, fdff::1, true",
        "fc00::/7, fe00::1, false",
        "192.0.2.7, 192.0.2.7, true",
        "192.0.2.7, 192.0.2.8, false",
        "0.0.0.0/0, 203.0.113.1, true",
        "::/0, 203.0.113.1, false"
    })
    void rangesHoldTheirAddressesOnly(String range, String address, boolean inside) {
        assertThat(AddressRange.parse(range)
                        .orElseThrow()
                        .contains(AddressRange.literal(address).orElseThrow()))
                .isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8"})
    void anythingButAnAddressOrARangeIsNotOne(String text) {
        assertThat(AddressRange.parse(text)).isEmpty();
    }
}
