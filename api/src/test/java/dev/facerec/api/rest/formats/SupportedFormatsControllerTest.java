package dev.facerec.api.rest.formats;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.api.FaceApiSlice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@FaceApiSlice
class SupportedFormatsControllerTest {
    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/upload/supported-formats", "/upload/supported-formats"})
    void listsTheDecodersFormatsAndTheLimits(String path) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.formats", hasSize(2)))
                .andExpect(jsonPath("$.formats[0].name").value("JPEG"))
                .andExpect(jsonPath("$.formats[0].mediaType").value("image/jpeg"))
                .andExpect(jsonPath("$.formats[0].extensions", contains("jpg", "jpeg")))
                .andExpect(jsonPath("$.formats[0].notes").value("baseline and progressive"))
                .andExpect(jsonPath("$.maxUploadBytes").value(4096))
                .andExpect(jsonPath("$.maxPixels").value(40_000_000));
    }
}
