package dev.facerec.api.http.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;

/**
 * What only a controller knows and the audit record needs: the user name a sign-in attempted (never the password),
 * and the gallery an action concerned when the route does not name it. Kept as request attributes, so the audit
 * filter reads them once the request is answered, whatever the outcome.
 */
public final class AuditDetails {
    static final String ATTEMPTED_USERNAME = AuditDetails.class.getName() + ".username";
    static final String GALLERY = AuditDetails.class.getName() + ".gallery";

    private AuditDetails() {}

    /** Call before checking the credentials, so that a failed sign-in is recorded with the name tried. */
    public static void attemptedUsername(HttpServletRequest request, String username) {
        request.setAttribute(ATTEMPTED_USERNAME, username);
    }

    public static void gallery(HttpServletRequest request, UUID galleryId) {
        request.setAttribute(GALLERY, galleryId);
    }
}
