package dev.facerec.api.http.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused secret into a short start-up report instead of a stack trace. */
public final class InsecureConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<InsecureConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InsecureConfigurationException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set the variable named above (see docs/configuration.md) and start again. Generate a secret with"
                        + " `openssl rand -base64 48`.",
                cause);
    }
}
