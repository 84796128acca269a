package dev.facerec.api.app.health;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.api.fake.FakeFaceEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@HealthSlice
class HealthControllerTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    FakeFaceEngine engine;

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/ready"})
    void upWithTheModelsWhileTheyAnswer(String path) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.executionProvider").value("CPU"))
                .andExpect(jsonPath("$.detectorModel").value("fake-detector"))
                .andExpect(jsonPath("$.recognizerModel").value("fake-recognizer"))
                .andExpect(jsonPath("$.embeddingSize").value(3))
                .andExpect(jsonPath("$.modelLoadMillis").value(42))
                .andExpect(jsonPath("$.reason").doesNotExist());
    }

    @Test
    void notReadyButAliveWhenTheModelsStopAnswering() throws Exception {
        engine.close();
        try {
            mvc.perform(get("/health/ready"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.status").value("DOWN"))
                    .andExpect(jsonPath("$.reason").value("the face models do not answer"));
            mvc.perform(get("/health")).andExpect(status().isServiceUnavailable());
            mvc.perform(get("/health/live"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"));
        } finally {
            engine.reopen();
        }
    }
}
