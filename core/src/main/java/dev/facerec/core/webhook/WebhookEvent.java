package dev.facerec.core.webhook;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.Arrays;
import java.util.Map;

/** The catalogue of webhook event types, by the names subscribers see in payloads and in {@code X-Facerec-Event}. */
public enum WebhookEvent {
    /** A bulk job ended (done, failed or cancelled): job and gallery ids and its counts. */
    JOB_FINISHED("job.finished"),
    /** Faces were enrolled for a person: gallery, person and face ids. */
    PERSON_ENROLLED("person.enrolled"),
    /** A person was erased with their faces: gallery and person ids. */
    PERSON_ERASED("person.erased"),
    /** An identification matched enrolled persons: gallery, person and face ids of the matches. */
    IDENTIFY_MATCHED("identify.matched"),
    /** Sent by {@code POST /api/v1/webhooks/{id}/test} only; nobody subscribes to it. */
    PING("ping");

    private final String type;

    WebhookEvent(String type) {
        this.type = type;
    }

    /** The name on the wire. */
    public String type() {
        return type;
    }

    /** Whether a subscription may ask for it ({@link #PING} goes to whoever is tested). */
    public boolean subscribable() {
        return this != PING;
    }

    /**
     * @throws FaceException {@code INVALID_REQUEST} for a name that is not a subscribable event type
     */
    public static WebhookEvent ofType(String type) {
        return Arrays.stream(values())
                .filter(event -> event.subscribable() && event.type.equals(type))
                .findFirst()
                .orElseThrow(() -> new FaceException(
                        FaceErrorCode.INVALID_REQUEST,
                        "Unknown webhook event '" + type + "': use job.finished, person.enrolled, person.erased or"
                                + " identify.matched.",
                        Map.of("field", "events")));
    }
}
