package dev.facerec.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps webhooks from reaching into the service's own network (request forgery): a URL is refused when its host
 * resolves to any address in a loopback, link-local (cloud metadata at 169.254.169.254 included), private, shared
 * (CGNAT), unspecified, multicast, reserved or documentation block, in IPv4 or IPv6, or in an IPv4 address carried in
 * an IPv6 one (IPv4-compatible, NAT64, 6to4; IPv4-mapped addresses are IPv4 addresses to the JDK). Operators let
 * their own receivers through with an allow-list of host names and CIDR blocks.
 *
 * <p>The host is resolved here, so numeric forms the JDK's resolver accepts (decimal {@code 2130706433}, octal or
 * hex parts) are judged by the address they resolve to, not by how they look.
 */
public final class AddressGuard {
    /** Resolves a host to all of its addresses, as {@link InetAddress#getAllByName} does. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final List<Cidr> REFUSED = Arrays.stream(new String[] {
                "0.0.0.0/8",
                "10.0.0.0/8",
                "100.64.0.0/10",
                "127.0.0.0/8",
                "169.254.0.0/16",
                "172.16.0.0/12",
                "192.0.0.0/24",
                "192.0.2.0/24",
                "192.168.0.0/16",
                "198.18.0.0/15",
                "198.51.100.0/24",
                "203.0.113.0/24",
                "224.0.0.0/4",
                "240.0.0.0/4",
                "::/128",
                "::1/128",
                "fc00::/7",
                "fe80::/10",
                "fec0::/10",
                "ff00::/8",
                "2001:db8::/32",
                "100::/64"
            })
            .map(Cidr::parse)
            .toList();
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");

    private static final Pattern NUMERIC_LABELS =
            Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)(\\.(0[xX][0-9a-fA-F]*|[0-9]+))*\\.?");
    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedBlocks;
    private final Resolver resolver;

    /**
     * @param allowList host names and CIDR blocks (or single addresses) that are let through whatever they are
     */
    public AddressGuard(List<String> allowList, Resolver resolver) {
        this.resolver = requireNonNull(resolver, "resolver is null");
        List<Cidr> blocks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String entry : requireNonNull(allowList, "allowList is null")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (item.matches("[0-9A-Fa-f:.]+(/\\d+)?") && (item.contains(":") || item.matches("[0-9./]+"))) {
                blocks.add(Cidr.parse(item));
            } else {
                hosts.add(item.toLowerCase(Locale.ROOT));
            }
        }
        this.allowedBlocks = List.copyOf(blocks);
        this.allowedHosts = Set.copyOf(hosts);
    }

    /** A guard with the JDK's resolver. */
    public static AddressGuard of(List<String> allowList) {
        return new AddressGuard(allowList, InetAddress::getAllByName);
    }

    /**
     * Checks a webhook URL and resolves its host.
     *
     * @return the addresses the host resolved to, all of them allowed; connect to one of these
     * @throws FaceException {@code INVALID_REQUEST} (field {@code url}) for a URL that is not absolute http(s), carries
     *     credentials, does not resolve, or resolves to a refused address
     */
    public List<InetAddress> check(URI url) {
        requireNonNull(url, "url is null");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw refused("The webhook URL must be an absolute http or https URL with a host.");
        }
        if (url.getRawUserInfo() != null) {
            throw refused("The webhook URL must not carry credentials; sign with the secret instead.");
        }
        String host = url.getHost().startsWith("[")
                ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        if (ambiguousNumber(host)) {
            throw refused("The webhook host " + host + " is a number in a form resolvers disagree on (octal, hex,"
                    + " short or decimal); write the address as four decimal parts or use a name.");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw refused("The webhook host " + host + " does not resolve.");
        }
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return List.of(addresses);
        }
        List<InetAddress> refused =
                Arrays.stream(addresses).filter(this::refuses).toList();
        if (!refused.isEmpty()) {
            throw refused("The webhook host " + host + " resolves to "
                    + refused.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "))
                    + ", a loopback, link-local, private or reserved address; an operator can allow it with"
                    + " FACEREC_WEBHOOKS_ALLOWED_HOSTS.");
        }
        return List.of(addresses);
    }

    /**
     * Whether {@code host} is an IPv4 number in another form than four plain decimal parts: the JDK reads
     * {@code 0177.0.0.1} as 177.0.0.1 where C resolvers read 127.0.0.1, so such hosts are refused rather than judged.
     */
    private static boolean ambiguousNumber(String host) {
        return NUMERIC_LABELS.matcher(host).matches()
                && !CANONICAL_IPV4.matcher(host).matches();
    }

    /** Whether {@code address} is refused (not allow-listed and in a refused block). */
    public boolean refuses(InetAddress address) {
        if (allowedBlocks.stream().anyMatch(block -> block.contains(address))) {
            return false;
        }
        return internal(address);
    }

    private static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || REFUSED.stream().anyMatch(block -> block.contains(address))) {
            return true;
        }
        return address instanceof Inet6Address v6
                && embeddedIpv4(v6.getAddress()) instanceof InetAddress v4
                && internal(v4);
    }

    /** The IPv4 address inside an IPv4-compatible, NAT64 or 6to4 address, or null. */
    private static InetAddress embeddedIpv4(byte[] v6) {
        try {
            InetAddress address = InetAddress.getByAddress(v6);
            if (IPV4_COMPATIBLE.contains(address) || NAT64.contains(address)) {
                return InetAddress.getByAddress(Arrays.copyOfRange(v6, 12, 16));
            }
            if (SIX_TO_FOUR.contains(address)) {
                return InetAddress.getByAddress(Arrays.copyOfRange(v6, 2, 6));
            }
            return null;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FaceException refused(String message) {
        return new FaceException(FaceErrorCode.INVALID_REQUEST, message, Map.of("field", "url"));
    }
}
