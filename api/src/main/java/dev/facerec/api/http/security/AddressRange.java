package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}) or one address. Parsing never
 * resolves a name: only address literals are read.
 */
public record AddressRange(InetAddress network, int prefixLength) {
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    /** Dotted-quad only: Java would also read {@code 127.1} and the like, which no proxy writes. */
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    /** Hex digits and colons, with a dotted quad at the end allowed; no zone ({@code %eth0}), no brackets. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]{2,39}|[0-9A-Fa-f:]{2,29}" + IPV4.pattern());

    public AddressRange {
        requireNonNull(network, "network is null");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + bits);
        }
    }

    /** {@code text} as an address or a CIDR range, or empty when it is neither. */
    public static Optional<AddressRange> parse(String text) {
        int slash = text.indexOf('/');
        Optional<InetAddress> network = literal(slash < 0 ? text : text.substring(0, slash));
        if (network.isEmpty()) {
            return Optional.empty();
        }
        int bits = network.get().getAddress().length * 8;
        if (slash < 0) {
            return Optional.of(new AddressRange(network.get(), bits));
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
            return Optional.empty();
        }
        return Optional.of(new AddressRange(network.get(), Integer.parseInt(prefix)));
    }

    /**
     * {@code text} as an IPv4 (dotted quad) or IPv6 address literal, or empty when it is anything else: a host name,
     * a port suffix, a zone, brackets, spaces. An IPv4-mapped IPv6 address comes back as the IPv4 address it maps.
     */
    public static Optional<InetAddress> literal(String text) {
        if (!IPV4.matcher(text).matches()
                && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code address} lies in this range (an IPv4 address never lies in an IPv6 range, nor the reverse). */
    public boolean contains(InetAddress address) {
        if ((address instanceof Inet4Address) != (network instanceof Inet4Address)) {
            return false;
        }
        byte[] candidate = address.getAddress();
        byte[] base = network.getAddress();
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != base[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (candidate[whole] & mask) == (base[whole] & mask);
    }
}
