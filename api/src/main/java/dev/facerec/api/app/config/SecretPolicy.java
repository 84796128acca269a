package dev.facerec.api.app.config;

import java.util.List;
import java.util.Locale;

/**
 * Which secrets are strong enough for production (JWT_SECRET_KEY, ENCRYPTION_KEY): at least 32 characters (a base64 string of 32 random bytes has 44;
 * {@code openssl rand -base64 32}), not one of a few characters repeated, and not a placeholder or a word somebody
 * would type. The check cannot measure entropy; it stops the secrets that are known, short or obviously made up.
 */
public final class SecretPolicy {
    public static final int MIN_LENGTH = 32;
    private static final int MIN_DISTINCT_CHARACTERS = 10;
    private static final List<String> WELL_KNOWN = List.of(
            "changeme",
            "change-me",
            "change_me",
            "replace",
            "example",
            "placeholder",
            "secret",
            "password",
            "encryption",
            "default",
            "0123456789",
            "abcdef",
            "qwerty");

    private SecretPolicy() {}

    /** Why {@code secret} is not acceptable in production, or null when it is. */
    public static String weakness(String secret) {
        if (secret == null || secret.isBlank()) {
            return "is not set";
        }
        if (secret.length() < MIN_LENGTH) {
            return "is " + secret.length() + " characters long; at least " + MIN_LENGTH + " are required";
        }
        if (secret.chars().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return "repeats a few characters; use random bytes";
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String known : WELL_KNOWN) {
            if (lower.contains(known)) {
                return "contains the well-known word or sequence \"" + known + "\"; use random bytes";
            }
        }
        return null;
    }
}
