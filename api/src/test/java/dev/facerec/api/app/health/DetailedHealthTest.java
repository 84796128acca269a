package dev.facerec.api.app.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.api.app.health.HealthTestPorts.SwitchableEmbeddingCache;
import dev.facerec.api.app.health.HealthTestPorts.SwitchableImageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** What {@code /health/detailed} and {@code /health/ready} say when a part goes away. */
@HealthSlice
class DetailedHealthTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    FakeDatabase database;

    @Autowired
    SwitchableImageStore imageStore;

    @Autowired
    SwitchableEmbeddingCache cache;

    @AfterEach
    void everythingBack() {
        database.reset();
        imageStore.available = true;
        cache.available = true;
    }

    @Test
    void upWithEveryPartItsKindAndLatency() throws Exception {
        mvc.perform(get("/health/detailed"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.models.status").value("UP"))
                .andExpect(jsonPath("$.components.models.executionProvider").value("CPU"))
                .andExpect(jsonPath("$.components.models.detector").value("fake-detector"))
                .andExpect(jsonPath("$.components.models.recognizer").value("fake-recognizer"))
                .andExpect(jsonPath("$.components.models.threading").value("fake: no inference"))
                .andExpect(jsonPath("$.components.database.status").value("UP"))
                .andExpect(jsonPath("$.components.database.kind").value("POSTGRESQL"))
                .andExpect(jsonPath("$.components.database.url").value(HealthTestPorts.DATABASE_URL))
                .andExpect(jsonPath("$.components.imageStore.status").value("UP"))
                .andExpect(jsonPath("$.components.imageStore.kind").value("SwitchableImageStore"))
                .andExpect(jsonPath("$.components.embeddingCache.status").value("UP"))
                .andExpect(jsonPath("$.components.galleryIndex.status").value("UP"))
                .andExpect(jsonPath("$.components.galleryIndex.kind").value("in-memory"))
                .andExpect(jsonPath("$.components.galleryIndex.memoryBytes").isNumber())
                .andExpect(jsonPath("$.components.galleryIndex.mappedBytes").value(0))
                .andExpect(jsonPath("$.components.galleryIndex.sequence").value(-1));
        for (String part : new String[] {"models", "database", "imageStore", "embeddingCache", "galleryIndex"}) {
            mvc.perform(get("/health/detailed"))
                    .andExpect(jsonPath("$.components." + part + ".latencyMs").isNumber());
        }
    }

    @Test
    void theDatabaseIsAskedWithATwoSecondBound() throws Exception {
        mvc.perform(get("/health/ready")).andExpect(status().isOk());
        assertThat(database.lastValidTimeoutSeconds).isEqualTo(2);
    }

    @Test
    void cacheDownIsDegradedButStillServingAndReady() throws Exception {
        cache.available = false;
        mvc.perform(get("/health/detailed"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DEGRADED"))
                .andExpect(jsonPath("$.components.embeddingCache.status").value("DEGRADED"))
                .andExpect(jsonPath("$.components.embeddingCache.reason").isString())
                .andExpect(jsonPath("$.components.imageStore.status").value("UP"));
        mvc.perform(get("/health/ready"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void imageStoreDownIsNotReadyAndDown() throws Exception {
        imageStore.available = false;
        mvc.perform(get("/health/ready"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"))
                .andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.startsWith("imageStore is DOWN")));
        mvc.perform(get("/health/detailed"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("DOWN"))
                .andExpect(jsonPath("$.components.imageStore.status").value("DOWN"))
                .andExpect(jsonPath("$.components.database.status").value("UP"));
        mvc.perform(get("/health/live")).andExpect(status().isOk());
    }

    @Test
    void databaseDownIsNotReadyAndItsDriverMessageStaysInTheLog() throws Exception {
        database.reachable = false;
        String ready = mvc.perform(get("/health/ready"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.reason").value("database is DOWN: no connection to the database"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String detailed = mvc.perform(get("/health/detailed"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.components.database.kind").value("POSTGRESQL"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertNoSecret(ready);
        assertNoSecret(detailed);
    }

    @Test
    void anInvalidConnectionIsDown() throws Exception {
        database.valid = false;
        mvc.perform(get("/health/detailed"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.components.database.status").value("DOWN"));
    }

    @Test
    void noHealthBodyShowsASecret() throws Exception {
        cache.available = false;
        for (String path : new String[] {"/health", "/health/ready", "/health/live", "/health/detailed"}) {
            assertNoSecret(mvc.perform(get(path)).andReturn().getResponse().getContentAsString());
        }
    }

    private static void assertNoSecret(String body) {
        assertThat(body.toLowerCase(java.util.Locale.ROOT))
                .isNotEmpty()
                .doesNotContain("password", "secret", "pa55word");
    }
}
