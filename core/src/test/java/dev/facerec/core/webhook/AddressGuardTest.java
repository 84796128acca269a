package dev.facerec.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {
    private final AddressGuard guard = AddressGuard.of(List.of());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "10.255.255.255",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "127.255.0.9",
                "169.254.0.1",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.168.1.1",
                "198.18.0.1",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "[::]",
                "[::1]",
                "[fc00::1]",
                "[fd12:3456::1]",
                "[fe80::1]",
                "[febf::1]",
                "[ff02::1]",
                "[::ffff:127.0.0.1]",
                "[::ffff:10.0.0.1]",
                "[::ffff:169.254.169.254]",
                "[::127.0.0.1]",
                "[64:ff9b::a00:1]",
                "[2002:c0a8:101::1]",
                "[2001:db8::1]"
            })
    void refusesInternalAddresses(String host) {
        assertRefused("http://" + host + "/hook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f.1", "127.1", "017700000001", "0177.0.0.1", "localhost"})
    void refusesOtherSpellingsOfLoopbackAsTheJdkResolvesThem(String host) {
        // Whatever the JDK makes of them (an address, or no address at all), none may get through.
        assertRefused("http://" + host + ":8080/hook");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "010.0.0.1", "0x0a000001", "167772161", "8.8.8.08", "127.1"})
    void refusesNumericHostsThatResolversReadDifferently(String host) {
        // The JDK reads 0177.0.0.1 as 177.0.0.1, C resolvers as 127.0.0.1: refused whatever it would reach (127.1
        // is not even a host to java.net.URI, so it is refused as a URL without one).
        assertRefused("http://" + host + "/hook");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "100.63.255.255",
                "100.128.0.1",
                "172.15.255.255",
                "172.32.0.1",
                "192.169.0.1",
                "[2606:4700:4700::1111]",
                "[::ffff:8.8.8.8]"
            })
    void letsPublicAddressesThrough(String host) {
        assertThat(guard.check(URI.create("https://" + host + "/hook"))).isNotEmpty();
    }

    @Test
    void refusesAHostWithAnyInternalAddressAmongItsAnswers() throws Exception {
        InetAddress[] answers = {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")};
        AddressGuard resolving = new AddressGuard(List.of(), host -> answers);
        assertThatThrownBy(() -> resolving.check(URI.create("https://hooks.example.com/x")))
                .hasMessageContaining("10.1.2.3");
    }

    @Test
    void allowListLetsBlocksAndHostsThrough() {
        AddressGuard allowing = AddressGuard.of(List.of("127.0.0.0/8", " receiver.internal ", "fd00::/8"));
        assertThat(allowing.check(URI.create("http://127.0.0.1:9000/hook"))).isNotEmpty();
        assertThat(allowing.check(URI.create("http://[fd00::5]/hook"))).isNotEmpty();
        assertRefused(allowing, "http://10.0.0.1/hook");
        AddressGuard byName = new AddressGuard(
                List.of("receiver.internal"), host -> new InetAddress[] {InetAddress.getByName("10.9.9.9")});
        assertThat(byName.check(URI.create("http://RECEIVER.internal/hook"))).isNotEmpty();
        assertRefused(byName, "http://other.internal/hook");
    }

    @Test
    void refusesWhatIsNotAPlainHttpUrl() {
        assertRefused("ftp://8.8.8.8/hook");
        assertRefused("file:///etc/passwd");
        assertRefused("/relative");
        assertRefused("http://user:password@8.8.8.8/hook");
        assertRefused("http://no-such-host.invalid/hook");
    }

    private void assertRefused(String url) {
        assertRefused(guard, url);
    }

    private static void assertRefused(AddressGuard guard, String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url))).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(FaceErrorCode.INVALID_REQUEST);
            assertThat(e.details()).containsEntry("field", "url");
        });
    }
}
