package dev.facerec.api.rest.person;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.api.rest.gallery.Fixtures;
import dev.facerec.api.rest.gallery.GallerySlice;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.FakePipeline;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@GallerySlice
class PersonFaceControllerTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    FakePipeline fakes;

    Person alice;

    @BeforeEach
    void reset() {
        fakes.reset();
        alice = Fixtures.person(fakes, Fixtures.gallery(fakes, "staff"), "Alice", "E-1");
    }

    @Test
    void enrollsWith201AndLocationThenListsTheFace() throws Exception {
        enroll(alice.id(), FakePhoto.portrait("alice"))
                .andExpect(status().isCreated())
                .andExpect(header().string(
                                "Location", matchesPattern("/api/v1/persons/" + alice.id() + "/faces/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.personId").value(alice.id().toString()))
                .andExpect(jsonPath("$.box.x").value(40.0))
                .andExpect(jsonPath("$.box.width").value(120.0))
                .andExpect(jsonPath("$.score").value(0.95))
                .andExpect(jsonPath("$.quality").isNumber())
                .andExpect(jsonPath("$.model").value("fake-recognizer"));
        mvc.perform(get("/api/v1/persons/" + alice.id() + "/faces"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)));
    }

    @Test
    void refusesNoFaceSeveralFacesWithTheirBoxesAndAMissingImage() throws Exception {
        enroll(alice.id(), FakePhoto.noFace())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("NO_FACE"));
        enroll(
                        alice.id(),
                        FakePhoto.of(400, 200)
                                .face("alice", 10, 10, 100)
                                .face("bob", 200, 20, 90)
                                .bytes())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("MULTIPLE_FACES"))
                .andExpect(jsonPath("$.details.boxes", hasSize(2)))
                .andExpect(jsonPath("$.details.boxes[1].x").value(200.0))
                .andExpect(jsonPath("$.details.boxes[1].width").value(90.0));
        enroll(
                        alice.id(),
                        FakePhoto.of(200, 200)
                                .face("alice", 40, 40, 120)
                                .blurred()
                                .bytes())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("FACE_QUALITY"))
                .andExpect(jsonPath("$.details.reason").value("BLURRED"));
        mvc.perform(multipart("/api/v1/persons/" + alice.id() + "/faces"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MISSING_FIELD"));
        enroll(UUID.randomUUID(), FakePhoto.portrait("alice")).andExpect(status().isNotFound());
    }

    @Test
    void servesTheStoredImageUncachedAndDeletesTheFace() throws Exception {
        String faceId = faceId(enroll(alice.id(), FakePhoto.portrait("alice")));
        String image = "/api/v1/persons/" + alice.id() + "/faces/" + faceId + "/image";
        mvc.perform(get(image))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().contentType(MediaType.APPLICATION_OCTET_STREAM))
                .andExpect(content().bytes(FakePhoto.portrait("alice")));
        mvc.perform(delete("/api/v1/persons/" + alice.id() + "/faces/" + faceId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject.type").value("face"))
                .andExpect(jsonPath("$.subject.id").value(faceId))
                .andExpect(jsonPath("$.faces").value(1))
                .andExpect(jsonPath("$.images").value(1))
                .andExpect(jsonPath("$.complete").value(true));
        mvc.perform(get(image)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/persons/" + alice.id() + "/faces/" + faceId))
                .andExpect(status().isNotFound());
    }

    @Test
    void verifiesAPhotoAgainstThePersonsFaces() throws Exception {
        String faceId = faceId(enroll(alice.id(), FakePhoto.portrait("alice")));
        verify(FakePhoto.portrait("alice"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.similarity").value(1.0))
                .andExpect(jsonPath("$.match").value(true))
                .andExpect(jsonPath("$.threshold").value(0.5))
                .andExpect(jsonPath("$.bestFaceId").value(faceId));
        verify(FakePhoto.portrait("bob")).andExpect(jsonPath("$.match").value(false));
    }

    @Test
    void verifyingAPersonWithoutFacesIsAConflict() throws Exception {
        verify(FakePhoto.portrait("alice"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("CONFLICT"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Enroll a face first")));
    }

    /** As parts, the way the servlet container hands them to the filter (a MockMvc file is not a part). */
    @Test
    void aRetriedEnrollmentWithTheSameKeyEnrollsOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        byte[] photo = FakePhoto.portrait("alice");
        String first = mvc.perform(multipart("/api/v1/persons/" + alice.id() + "/faces")
                        .part(new MockPart("image", "photo.jpg", photo))
                        .header("Idempotency-Key", key))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        mvc.perform(multipart("/api/v1/persons/" + alice.id() + "/faces")
                        .part(new MockPart("image", "photo.jpg", photo))
                        .header("Idempotency-Key", key))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(content().json(first));
        mvc.perform(get("/api/v1/persons/" + alice.id() + "/faces")).andExpect(jsonPath("$.items", hasSize(1)));
        mvc.perform(multipart("/api/v1/persons/" + alice.id() + "/faces")
                        .file(
                                "image",
                                FakePhoto.of(300, 300).face("alice", 0, 0, 200).bytes())
                        .header("Idempotency-Key", key))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));
    }

    private ResultActions enroll(UUID personId, byte[] photo) throws Exception {
        return mvc.perform(multipart("/api/v1/persons/" + personId + "/faces").file("image", photo));
    }

    private ResultActions verify(byte[] photo) throws Exception {
        return mvc.perform(
                multipart("/api/v1/persons/" + alice.id() + "/verify").file("image", photo));
    }

    private static String faceId(ResultActions enrolled) throws Exception {
        return enrolled.andReturn().getResponse().getContentAsString().replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1");
    }
}
