package dev.facerec.api.rest.face;

import static dev.facerec.api.fake.FakeImages.image;
import static dev.facerec.api.fake.FakeImages.noFace;
import static dev.facerec.api.fake.FakeImages.portrait;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.api.FaceApiSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@FaceApiSlice
class FaceControllerTest {
    @Autowired
    MockMvc mvc;

    @Test
    void detectAnswersImageSizeAndEveryFaceRoundedToOneDecimal() throws Exception {
        mvc.perform(multipart("/api/v1/faces/detect").file("image", image(640, 480, 2, "alice")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.imageWidth").value(640))
                .andExpect(jsonPath("$.imageHeight").value(480))
                .andExpect(jsonPath("$.faces", hasSize(2)))
                .andExpect(jsonPath("$.faces[0].box.x").value(10.0))
                .andExpect(jsonPath("$.faces[0].box.y").value(12.1))
                .andExpect(jsonPath("$.faces[0].box.width").value(8.3))
                .andExpect(jsonPath("$.faces[0].box.height").value(9.9))
                .andExpect(jsonPath("$.faces[0].landmarks", hasSize(5)))
                .andExpect(jsonPath("$.faces[0].landmarks[0]", contains(12.0, 15.1)))
                .andExpect(jsonPath("$.faces[0].score").value(0.9123))
                .andExpect(jsonPath("$.faces[1].box.x").value(30.0));
    }

    @Test
    void detectWithoutFaceIsAnEmptyListNotAnError() throws Exception {
        mvc.perform(multipart("/api/v1/faces/detect").file("image", noFace()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.faces", hasSize(0)));
    }

    @Test
    void compareMatchesTheSamePerson() throws Exception {
        compare(portrait("alice"), image(200, 100, 3, "alice"), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.similarity").value(1.0))
                .andExpect(jsonPath("$.match").value(true))
                .andExpect(jsonPath("$.threshold").value(0.35))
                .andExpect(jsonPath("$.operatingPoint").value("standard"))
                .andExpect(jsonPath("$.model").value("fake-recognizer"))
                .andExpect(jsonPath("$.source.box.x").value(10.0))
                // the largest of the target's three faces is the last one
                .andExpect(jsonPath("$.target.box.x").value(50.0))
                .andExpect(jsonPath("$.target.landmarks", hasSize(5)))
                .andExpect(jsonPath("$.target.score").value(0.7123));
    }

    @Test
    void compareRejectsDifferentPeople() throws Exception {
        compare(portrait("alice"), portrait("bob"), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.similarity").value(0.0))
                .andExpect(jsonPath("$.match").value(false));
    }

    @Test
    void strictOperatingPointRaisesTheThreshold() throws Exception {
        compare(portrait("alice"), portrait("lookalike"), null)
                .andExpect(jsonPath("$.similarity").value(0.4))
                .andExpect(jsonPath("$.match").value(true));
        compare(portrait("alice"), portrait("lookalike"), "STRICT")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.threshold").value(0.45))
                .andExpect(jsonPath("$.operatingPoint").value("strict"))
                .andExpect(jsonPath("$.match").value(false));
    }

    @Test
    void unknownOperatingPointIsTheCallersError() throws Exception {
        compare(portrait("alice"), portrait("bob"), "loose")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_REQUEST"))
                .andExpect(jsonPath("$.details.field").value("operatingPoint"))
                .andExpect(jsonPath("$.details.allowed", contains("standard", "strict")));
    }

    @Test
    void compareNamesTheImageWithoutFace() throws Exception {
        compare(portrait("alice"), noFace(), null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NO_FACE"))
                .andExpect(jsonPath("$.type").value("https://facerec.dev/problems/no-face"))
                .andExpect(jsonPath("$.details.image").value("target"))
                .andExpect(jsonPath("$.detail", containsString("target image")));
        compare(noFace(), portrait("alice"), null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.details.image").value("source"));
    }

    @Test
    void compareNamesTheImageThatCannotBeDecoded() throws Exception {
        compare(portrait("alice"), new byte[0], null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("IMAGE_UNREADABLE"))
                .andExpect(jsonPath("$.details.image").value("target"));
    }

    @Test
    void missingImageFieldIsNamed() throws Exception {
        mvc.perform(multipart("/api/v1/faces/detect").file("picture", portrait("alice")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("MISSING_FIELD"))
                .andExpect(jsonPath("$.type").value("https://facerec.dev/problems/missing-field"))
                .andExpect(jsonPath("$.details.field").value("image"))
                .andExpect(jsonPath("$.detail", containsString("'image'")));
    }

    @Test
    void compareNamesTheMissingTarget() throws Exception {
        mvc.perform(multipart("/api/v1/faces/compare").file("source", portrait("alice")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MISSING_FIELD"))
                .andExpect(jsonPath("$.details.field").value("target"));
    }

    @Test
    void textFieldInPlaceOfTheFileIsMissingTheFile() throws Exception {
        mvc.perform(multipart("/api/v1/faces/detect").param("image", "not a file"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("image"));
    }

    @Test
    void requestThatIsNotMultipartIsMissingTheField() throws Exception {
        mvc.perform(post("/api/v1/faces/detect")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"image\":\"aGVsbG8=\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MISSING_FIELD"))
                .andExpect(jsonPath("$.details.field").value("image"));
        mvc.perform(post("/api/v1/faces/compare"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("source"));
    }

    private ResultActions compare(byte[] source, byte[] target, String operatingPoint) throws Exception {
        var request = multipart("/api/v1/faces/compare").file("source", source).file("target", target);
        if (operatingPoint != null) {
            request.param("operatingPoint", operatingPoint);
        }
        return mvc.perform(request);
    }
}
