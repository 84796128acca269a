package dev.facerec.api.rest.identify;

import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.api.rest.gallery.Fixtures;
import dev.facerec.api.rest.gallery.GallerySlice;
import dev.facerec.core.access.Actor;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.Person;
import dev.facerec.core.testing.FakePhoto;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.core.usecase.EnrollFace;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@GallerySlice
class IdentifyControllerTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    FakePipeline fakes;

    @Autowired
    EnrollFace enroll;

    Gallery staff;
    Person alice;

    @BeforeEach
    void reset() {
        fakes.reset();
        staff = Fixtures.gallery(fakes, "staff");
        alice = Fixtures.person(fakes, staff, "Alice", "E-1");
        enroll.enroll(Actor.system(), alice.id(), FakePhoto.portrait("alice"));
        enroll.enroll(Actor.system(), Fixtures.person(fakes, staff, "Bob", null).id(), FakePhoto.portrait("bob"));
    }

    @Test
    void answersEveryFaceWithCandidatesAndAMatchOrNull() throws Exception {
        byte[] photo = FakePhoto.of(500, 200)
                .face("alice", 0, 0, 100)
                .face("stranger", 200, 0, 100)
                .bytes();
        mvc.perform(multipart("/api/v1/identify")
                        .file("image", photo)
                        .param("galleryId", staff.id().toString())
                        .with(signedIn("ROLE_VIEWER", "ROLE_OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.threshold").value(0.5))
                .andExpect(jsonPath("$.faces", hasSize(2)))
                .andExpect(jsonPath("$.faces[0].box.x").value(0.0))
                .andExpect(jsonPath("$.faces[0].candidates", hasSize(2)))
                .andExpect(jsonPath("$.faces[0].candidates[0].personId")
                        .value(alice.id().toString()))
                .andExpect(jsonPath("$.faces[0].candidates[0].name").value("Alice"))
                .andExpect(jsonPath("$.faces[0].candidates[0].externalId").value("E-1"))
                .andExpect(jsonPath("$.faces[0].candidates[0].similarity").value(1.0))
                .andExpect(jsonPath("$.faces[0].candidates[0].confidence").value(greaterThan(0.999)))
                .andExpect(jsonPath("$.faces[0].candidates[1].confidence")
                        .value(both(greaterThan(0.0)).and(lessThan(0.9))))
                .andExpect(jsonPath("$.faces[0].match.name").value("Alice"))
                .andExpect(jsonPath("$.faces[1].match").value(nullValue()))
                .andExpect(
                        jsonPath("$.expectedFpir").value(both(greaterThan(0.0)).and(lessThan(0.02))))
                .andExpect(jsonPath("$.expectedTpir").value(nullValue()))
                .andExpect(jsonPath("$.decision").value("MARGIN"))
                .andExpect(jsonPath("$.warnings", hasSize(0)));
    }

    @Test
    void aThresholdThatLetsStrangersThroughIsAnsweredWithAWarning() throws Exception {
        mvc.perform(multipart("/api/v1/identify")
                        .file("image", FakePhoto.portrait("alice"))
                        .param("galleryId", staff.id().toString())
                        .param("threshold", "0.1")
                        .with(signedIn("ROLE_VIEWER", "ROLE_OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.threshold").value(0.1))
                .andExpect(jsonPath("$.decision").value("THRESHOLD"))
                .andExpect(jsonPath("$.expectedFpir").value(greaterThan(0.02)))
                .andExpect(jsonPath("$.warnings[0].code").value("FPIR_ABOVE_TARGET"))
                .andExpect(jsonPath("$.warnings[0].message").value(containsString("not enrolled")));
    }

    @Test
    void aCallerWhoMayNotListTheGallerySeesOnlyCandidatesNearAThresholdNoLowerThanTheDefault() throws Exception {
        byte[] photo = FakePhoto.of(500, 200)
                .face("alice", 0, 0, 100)
                .face("stranger", 200, 0, 100)
                .bytes();
        mvc.perform(multipart("/api/v1/identify")
                        .file("image", photo)
                        .param("galleryId", staff.id().toString())
                        .param("threshold", "-1")
                        .with(signedIn("ROLE_VIEWER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.threshold").value(0.5))
                .andExpect(jsonPath("$.faces[0].candidates", hasSize(1)))
                .andExpect(jsonPath("$.faces[0].match.name").value("Alice"))
                .andExpect(jsonPath("$.faces[1].candidates", hasSize(0)))
                .andExpect(jsonPath("$.faces[1].match").value(nullValue()));
    }

    /** A session holding a signed-in caller with these authorities (the slice lets every request through). */
    private static RequestPostProcessor signedIn(String... authorities) {
        return request -> {
            request.getSession()
                    .setAttribute(
                            HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                            new SecurityContextImpl(new TestingAuthenticationToken("caller", null, authorities)));
            return request;
        };
    }

    @Test
    void limitAndThresholdAreHonouredAndChecked() throws Exception {
        mvc.perform(multipart("/api/v1/identify")
                        .file("image", FakePhoto.portrait("alice"))
                        .param("galleryId", staff.id().toString())
                        .param("limit", "1")
                        .param("threshold", "0.99"))
                .andExpect(jsonPath("$.faces[0].candidates", hasSize(1)))
                .andExpect(jsonPath("$.threshold").value(0.99));
        mvc.perform(multipart("/api/v1/identify")
                        .file("image", FakePhoto.portrait("alice"))
                        .param("galleryId", staff.id().toString())
                        .param("limit", "101"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("limit"));
    }

    @Test
    void refusesAMissingOrUnknownGallery() throws Exception {
        mvc.perform(multipart("/api/v1/identify").file("image", FakePhoto.portrait("alice")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("galleryId"));
        mvc.perform(multipart("/api/v1/identify")
                        .file("image", FakePhoto.portrait("alice"))
                        .param("galleryId", UUID.randomUUID().toString()))
                .andExpect(status().isNotFound());
        mvc.perform(multipart("/api/v1/identify").param("galleryId", staff.id().toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("image"));
    }
}
