package dev.facerec.core.webhook;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of one. */
record Cidr(byte[] network, int prefixBits) {
    Cidr {
        requireNonNull(network, "network is null");
        if (prefixBits < 0 || prefixBits > network.length * 8) {
            throw new IllegalArgumentException("prefix out of range");
        }
    }

    /**
     * @param text an IP literal with an optional {@code /bits}; never a host name (nothing is resolved)
     */
    static Cidr parse(String text) {
        String[] parts = text.strip().split("/", 2);
        if (!parts[0].matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP address: " + parts[0]);
        }
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
            return new Cidr(address, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR block: " + text, e);
        }
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefixBits / 8;
        if (!Arrays.equals(candidate, 0, whole, network, 0, whole)) {
            return false;
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefixBits == that.prefixBits && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixBits;
    }
}
