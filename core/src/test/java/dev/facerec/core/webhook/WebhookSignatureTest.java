package dev.facerec.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    @Test
    void hmacMatchesThePublishedSha256Vector() {
        // The HMAC-SHA256 example of RFC 4231's companions (key "key", the pangram), as published.
        assertThat(WebhookSignature.hmacHex("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void headerSignsTheTimeAndTheBodyAsStripeDoes() {
        // Computed with Python: hmac.new(secret, b'1700000000.{"type":"ping"}', hashlib.sha256).hexdigest()
        assertThat(WebhookSignature.header("whsec_test_secret_0123456789", 1_700_000_000L, "{\"type\":\"ping\"}"))
                .isEqualTo("t=1700000000,v1=2d20bb1f963c2cb734f7955dbdd0910a49058336bae80ffd6c081e1ae5f38c9f");
    }

    @Test
    void anyChangeToTimeBodyOrSecretChangesTheSignature() {
        String signed = WebhookSignature.header("secret-secret-secret", 1L, "{}");
        assertThat(WebhookSignature.header("secret-secret-secret", 2L, "{}")).isNotEqualTo(signed);
        assertThat(WebhookSignature.header("secret-secret-secret", 1L, "{ }")).isNotEqualTo(signed);
        assertThat(WebhookSignature.header("secret-secret-secreT", 1L, "{}")).isNotEqualTo(signed);
    }
}
