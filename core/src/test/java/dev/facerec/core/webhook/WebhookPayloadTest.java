package dev.facerec.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.event.ChangeKind;
import dev.facerec.core.event.FacesEnrolled;
import dev.facerec.core.event.FacesErased;
import dev.facerec.core.event.FacesIdentified;
import dev.facerec.core.event.GalleryChanged;
import dev.facerec.core.event.JobFinished;
import dev.facerec.core.event.PersonChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {
    private static final Instant AT = Instant.parse("2026-12-06T01:02:03.456Z");
    private static final UUID GALLERY = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID PERSON = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID FACE = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    @Test
    void enrolmentErasureAndMatchesMapToTheirEventsWithIdsOnly() {
        assertThat(WebhookDispatcher.payload(new FacesEnrolled(GALLERY, PERSON, List.of(FACE), AT))
                        .orElseThrow()
                        .toJson())
                .isEqualTo("{\"type\":\"person.enrolled\",\"occurredAt\":\"2026-12-06T01:02:03.456Z\",\"data\":"
                        + "{\"galleryId\":\"" + GALLERY + "\",\"personId\":\"" + PERSON + "\",\"faceIds\":[\"" + FACE
                        + "\"]}}");
        assertThat(WebhookDispatcher.payload(new PersonChanged(GALLERY, PERSON, ChangeKind.ERASED, AT))
                        .orElseThrow()
                        .event())
                .isEqualTo(WebhookEvent.PERSON_ERASED);
        assertThat(WebhookDispatcher.payload(
                                new FacesIdentified(GALLERY, List.of(new FacesIdentified.Match(PERSON, FACE)), AT))
                        .orElseThrow()
                        .toJson())
                .contains("\"type\":\"identify.matched\"")
                .contains("\"personId\":\"" + PERSON + "\"")
                .contains("\"faceId\":\"" + FACE + "\"");
    }

    @Test
    void otherChangesSendNothing() {
        assertThat(WebhookDispatcher.payload(new PersonChanged(GALLERY, PERSON, ChangeKind.CREATED, AT)))
                .isEmpty();
        assertThat(WebhookDispatcher.payload(new GalleryChanged(GALLERY, ChangeKind.ERASED, AT)))
                .isEmpty();
        assertThat(WebhookDispatcher.payload(new FacesErased(
                        GALLERY,
                        List.of(new FacesErased.ErasedFace(FACE, PERSON)),
                        FacesErased.Reason.FACE_DELETED,
                        UUID.randomUUID(),
                        AT)))
                .isEmpty();
    }

    @Test
    void namesAreEscapedAsJsonStrings() {
        WebhookPayload named = new WebhookPayload(WebhookEvent.PERSON_ENROLLED, AT)
                .with("personId", PERSON)
                .copyWith("personName", "Zoë \"Z\" O'Neil\\\n\u0001\u2028");
        assertThat(named.toJson()).contains("\"personName\":\"Zoë \\\"Z\\\" O'Neil\\\\\\n\\u0001\\u2028\"");
        assertThat(named.personId()).contains(PERSON);
    }

    @Test
    void aFinishedJobCarriesItsIdsStateAndCounts() {
        UUID job = UUID.randomUUID();
        assertThat(WebhookDispatcher.jobFinished(job, GALLERY, "SUCCEEDED", Map.of("enrolled", 3L), AT)
                        .toJson())
                .isEqualTo(
                        "{\"type\":\"job.finished\",\"occurredAt\":\"2026-12-06T01:02:03.456Z\",\"data\":{\"jobId\":\""
                                + job + "\",\"galleryId\":\"" + GALLERY
                                + "\",\"state\":\"SUCCEEDED\",\"counts\":{\"enrolled\":3}}}");
    }

    @Test
    void theJobFinishedEventBecomesAJobFinishedPayload() {
        UUID job = UUID.randomUUID();
        String json = WebhookDispatcher.payload(new JobFinished(GALLERY, job, "CANCELLED", 5, 2, 1, 20, AT))
                .orElseThrow()
                .toJson();
        assertThat(json)
                .startsWith("{\"type\":\"job.finished\"")
                .contains("\"jobId\":\"" + job + "\"", "\"state\":\"CANCELLED\"")
                .contains("\"enrolled\":5", "\"refused\":2", "\"duplicate\":1", "\"total\":20");
    }
}
