package dev.facerec.api.http.security;

/** Start-up refused because a secret is missing or weak; the message names the setting and how to fix it. */
public final class InsecureConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InsecureConfigurationException(String message) {
        super(message);
    }
}
