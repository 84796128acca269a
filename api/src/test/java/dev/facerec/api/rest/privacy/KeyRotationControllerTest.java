package dev.facerec.api.rest.privacy;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.api.FaceApiSlice;
import dev.facerec.core.crypto.KeyRing;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@FaceApiSlice
class KeyRotationControllerTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    KeyRing keys;

    @Test
    void progressBeforeAnyRunIsIdleUnderTheCurrentKey() throws Exception {
        mvc.perform(get("/api/v1/admin/encryption/rotation"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keyId").value(keys.currentKeyId()));
    }

    @Test
    void postingStartsARunAndAnswersAcceptedWithItsProgress() throws Exception {
        mvc.perform(post("/api/v1/admin/encryption/rotation"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.state").value(org.hamcrest.Matchers.oneOf("running", "done")))
                .andExpect(jsonPath("$.keyId").value(keys.currentKeyId()))
                .andExpect(jsonPath("$.embeddings.total").value(0))
                .andExpect(jsonPath("$.images.done").value(0))
                .andExpect(jsonPath("$.startedAt").isNotEmpty());
    }
}
