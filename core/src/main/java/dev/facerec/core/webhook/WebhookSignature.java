package dev.facerec.core.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Facerec-Signature} header, as Stripe signs: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} where the
 * HMAC key is the subscription's secret (its UTF-8 bytes) and the message is {@code t + "." + body}. Binding the time
 * lets receivers refuse replays older than a few minutes.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Facerec-Signature";

    private WebhookSignature() {}

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds + "." + body);
    }

    /** Hex HMAC-SHA256 of {@code message} under {@code secret}. */
    public static String hmacHex(String secret, String message) {
        requireNonNull(secret, "secret is null");
        requireNonNull(message, "message is null");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }
}
