package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides the client's address of a request: the address the connection comes from, unless that is a trusted proxy
 * whose {@code X-Forwarded-For} names the client. Reading from the right, each entry is a hop nearer the client; the
 * first one that is not a trusted proxy is the client, and the entries to its left are whatever that client claimed
 * and are not read. Every entry read must be an IP address literal, else the whole header is ignored and the
 * connection's address counts: a value that is not an address (a name, a port suffix, text) must never reach rate
 * limits, lock-outs or the audit log, nor cost a name lookup. The address comes back in Java's one spelling per
 * address, so {@code 2001:DB8::1} and {@code 2001:db8:0::1} count as one client.
 */
public final class ClientAddresses {
    private final boolean readsForwardedFor;
    private final List<AddressRange> trustedProxies;

    public ClientAddresses(boolean readsForwardedFor, List<AddressRange> trustedProxies) {
        this.readsForwardedFor = readsForwardedFor;
        this.trustedProxies = List.copyOf(requireNonNull(trustedProxies, "trustedProxies is null"));
    }

    /**
     * The client's address for a connection from {@code socketAddress} whose request carries {@code forwardedFor} (the
     * values of every {@code X-Forwarded-For} header, in order; empty when there is none).
     */
    public String clientAddress(String socketAddress, List<String> forwardedFor) {
        if (!readsForwardedFor || forwardedFor.isEmpty() || !trusted(socketAddress)) {
            return socketAddress;
        }
        List<String> entries = new ArrayList<>();
        for (String header : forwardedFor) {
            entries.addAll(Arrays.asList(header.split(",", -1)));
        }
        InetAddress nearest = null;
        for (String entry : entries.reversed()) {
            Optional<InetAddress> hop = AddressRange.literal(entry.strip());
            if (hop.isEmpty()) {
                return socketAddress;
            }
            nearest = hop.get();
            if (!trusted(nearest)) {
                break;
            }
        }
        // Every entry a trusted proxy: the farthest one is as near the client as anyone can tell.
        return nearest.getHostAddress();
    }

    private boolean trusted(String socketAddress) {
        // Tomcat gives an IPv6 peer with its zone (fe80::1%eth0); the zone says nothing about trust.
        int zone = socketAddress.indexOf('%');
        return AddressRange.literal(zone < 0 ? socketAddress : socketAddress.substring(0, zone))
                .map(this::trusted)
                .orElse(false);
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
