package dev.facerec.storage.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the S3 image store lives and how to sign in, translated from the service's configuration ({@code S3_ENDPOINT},
 * {@code S3_ACCESS_KEY}, {@code S3_SECRET_KEY}, {@code S3_BUCKET}, {@code S3_SECURE}).
 *
 * @param endpoint the server, as {@code host}, {@code host:port} or a URL; normalised to {@code scheme://host[:port]}.
 *     An {@code https://} URL turns {@code secure} on; {@code http://} with {@code secure} on is rejected as a
 *     contradiction rather than guessed. A URL may not carry a user name or password: credentials belong in their own
 *     fields, where {@link #toString()} can hide them.
 * @param accessKey the access key id; not a secret, shown by {@link #toString()}
 * @param secretKey the secret key; never shown
 * @param bucket the bucket, created when missing; {@value #DEFAULT_BUCKET} unless configured
 * @param secure whether to use TLS (taken from the URL's scheme when it has one)
 * @param region the bucket's region, or {@code null} to ask the server (MinIO and most self-hosted servers ignore it)
 */
public record S3Settings(
        String endpoint, String accessKey, String secretKey, String bucket, boolean secure, String region) {
    public static final String DEFAULT_BUCKET = "facerec";

    // S3's bucket naming rules, less the rarely met ones (no IP-address names, no "xn--" prefix).
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Settings {
        requireNonBlank(endpoint, "endpoint");
        requireNonBlank(accessKey, "accessKey");
        requireNonBlank(secretKey, "secretKey");
        requireNonBlank(bucket, "bucket");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("S3 bucket '" + bucket
                    + "' is not a valid bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.");
        }
        if (region != null && region.isBlank()) {
            region = null;
        }
        URI uri = parse(endpoint.strip(), secure);
        secure = "https".equals(uri.getScheme());
        endpoint = uri.toString();
    }

    /** Settings with the default bucket and no region. */
    public S3Settings(String endpoint, String accessKey, String secretKey, boolean secure) {
        this(endpoint, accessKey, secretKey, DEFAULT_BUCKET, secure, null);
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey=****, bucket=" + bucket
                + ", secure=" + secure + ", region=" + region + "]";
    }

    private static URI parse(String endpoint, boolean secure) {
        String withScheme = endpoint.contains("://") ? endpoint : (secure ? "https://" : "http://") + endpoint;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            // The message names the endpoint only when it carries no credentials; see the check below.
            throw new IllegalArgumentException("S3 endpoint is not a host, host:port or URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "S3 endpoint may not contain a user name or password: set the access and secret keys instead.");
        }
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "S3 endpoint '" + endpoint + "' is not a host, host:port or an http(s) URL.");
        }
        if (scheme.equals("http") && secure) {
            throw new IllegalArgumentException("S3 endpoint '" + endpoint
                    + "' says http:// but secure (S3_SECURE) is on: use https:// or turn secure off.");
        }
        if (uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "S3 endpoint '" + endpoint + "' has a path; give the server only and set the bucket separately.");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    private static void requireNonBlank(String value, String name) {
        requireNonNull(value, name + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("S3 " + name + " is blank");
        }
    }
}
