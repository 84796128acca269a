package dev.facerec.core.audit;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.account.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * One request on record, or several alike: who did what to which object, when, from where and with what result. It
 * holds names and ids only, never a request body, image, embedding, token, key or password. Text longer than its
 * column is cut rather than refused, so an over-long attempted user name is still recorded.
 *
 * <p>Refusals of callers without credentials come in floods (a scanner, a password guesser), so they are recorded as
 * one event per window with the number of requests it stands for ({@code occurrences}): the event keeps what those
 * requests shared and leaves empty what differed (the request id, a target they did not all name).
 *
 * @param actor the user name, the external subject, {@code key:<prefix>} for an API key, the attempted user name of a
 *     sign-in, or {@code anonymous}
 * @param actorRole the caller's highest role; null when it has none
 * @param keyOwner for an API key, the user name (or external subject) that owns it; null for other actors
 * @param action what was done, e.g. {@code person.delete}, {@code face.enroll}, {@code identify}, {@code auth.login}
 * @param targetType {@code gallery}, {@code person}, {@code face}, {@code user} or {@code api-key}; null when the
 *     action has no single target
 * @param targetId the target's id as the caller sent it (or as the service assigned it); null without a target
 * @param galleryId the gallery the action concerned, when known; null otherwise
 * @param status the HTTP status of the answer
 * @param clientAddress the address the request came from, as the service saw it
 * @param requestId the request id, to match the event with the service log; null when unknown or when the event
 *     stands for several requests
 * @param occurrences how many requests the event stands for, at least 1
 * @param lastAt when the last of them happened ({@code at} is the first); null for a single request
 */
public record AuditEvent(
        UUID id,
        Instant at,
        String actor,
        ActorKind actorKind,
        Role actorRole,
        String keyOwner,
        String action,
        String targetType,
        String targetId,
        UUID galleryId,
        int status,
        Outcome outcome,
        String clientAddress,
        String requestId,
        int occurrences,
        Instant lastAt) {
    public static final int MAX_ACTOR_LENGTH = 200;
    public static final int MAX_ACTION_LENGTH = 64;
    public static final int MAX_TARGET_TYPE_LENGTH = 16;
    public static final int MAX_ID_LENGTH = 64;

    /** Who sent the request: the kind of credential, or none. */
    public enum ActorKind {
        USER,
        EXTERNAL,
        API_KEY,
        ANONYMOUS
    }

    /** The result as a reader of the log thinks of it. */
    public enum Outcome {
        SUCCESS,
        /** Refused for lack of credentials, rights or rate: 401, 403, 429. */
        DENIED,
        FAILED;

        public static Outcome of(int status) {
            if (status == 401 || status == 403 || status == 429) {
                return DENIED;
            }
            return status < 400 ? SUCCESS : FAILED;
        }
    }

    public AuditEvent {
        requireNonNull(id, "id is null");
        requireNonNull(at, "at is null");
        requireNonNull(actorKind, "actorKind is null");
        requireNonNull(outcome, "outcome is null");
        actor = clip(requireNonNull(actor, "actor is null"), MAX_ACTOR_LENGTH);
        keyOwner = clip(keyOwner, MAX_ACTOR_LENGTH);
        action = clip(requireNonNull(action, "action is null"), MAX_ACTION_LENGTH);
        targetType = clip(targetType, MAX_TARGET_TYPE_LENGTH);
        targetId = clip(targetId, MAX_ID_LENGTH);
        clientAddress = clip(clientAddress, MAX_ID_LENGTH);
        requestId = clip(requestId, MAX_ID_LENGTH);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, not " + status);
        }
        if (occurrences < 1) {
            throw new IllegalArgumentException("occurrences must be at least 1, not " + occurrences);
        }
        if (lastAt != null && lastAt.isBefore(at)) {
            throw new IllegalArgumentException("lastAt must not be before at: " + lastAt + " < " + at);
        }
    }

    /**
     * One request.
     *
     * @see AuditEvent the meaning of each part
     */
    public static AuditEvent single(
            UUID id,
            Instant at,
            String actor,
            ActorKind actorKind,
            Role actorRole,
            String keyOwner,
            String action,
            String targetType,
            String targetId,
            UUID galleryId,
            int status,
            String clientAddress,
            String requestId) {
        return new AuditEvent(
                id,
                at,
                actor,
                actorKind,
                actorRole,
                keyOwner,
                action,
                targetType,
                targetId,
                galleryId,
                status,
                Outcome.of(status),
                clientAddress,
                requestId,
                1,
                null);
    }

    /** Control characters become '?' (a log reader's terminal is no place for them), and long text is cut. */
    static String clip(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        var clean = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length() && clean.length() < maxLength; i++) {
            char c = value.charAt(i);
            clean.append(Character.isISOControl(c) ? '?' : c);
        }
        return clean.toString();
    }
}
