package dev.facerec.api.rest.gallery;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.core.testing.FakePipeline;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@GallerySlice
class GalleryControllerTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    FakePipeline fakes;

    @BeforeEach
    void reset() {
        fakes.reset();
    }

    @Test
    void createsWith201AndLocationThenListsAndGets() throws Exception {
        String location = mvc.perform(post("/api/v1/galleries")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\" staff \"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", matchesPattern("/api/v1/galleries/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.name").value("staff"))
                .andExpect(jsonPath("$.createdAt").exists())
                .andReturn()
                .getResponse()
                .getHeader("Location");
        mvc.perform(get(location))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("staff"))
                .andExpect(jsonPath("$.faces").value(0))
                .andExpect(jsonPath("$.threshold").value(0.5))
                .andExpect(jsonPath("$.expectedFpir").value(lessThan(0.02)))
                .andExpect(jsonPath("$.expectedTpir").value(nullValue()))
                .andExpect(jsonPath("$.warnings", hasSize(0)));
        mvc.perform(get("/api/v1/galleries"))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].name").value("staff"));
    }

    @Test
    void aTakenNameIsAConflictAndABlankNameIsABadRequestNamingTheField() throws Exception {
        create("staff");
        mvc.perform(post("/api/v1/galleries")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"staff\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("CONFLICT"));
        mvc.perform(post("/api/v1/galleries")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("INVALID_REQUEST"))
                .andExpect(jsonPath("$.details.field").value("name"));
    }

    @Test
    void deleteAnswersAnErasureReceiptThenTheGalleryIsGone() throws Exception {
        String id = create("staff");
        mvc.perform(delete("/api/v1/galleries/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject.type").value("gallery"))
                .andExpect(jsonPath("$.subject.id").value(id))
                .andExpect(jsonPath("$.persons").value(0))
                .andExpect(jsonPath("$.erasedAt").isNotEmpty());
        mvc.perform(get("/api/v1/galleries/" + id))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(delete("/api/v1/galleries/" + id)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/galleries/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("id"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReplaysTheFirstResponse() throws Exception {
        String key = UUID.randomUUID().toString();
        var first = mvc.perform(post("/api/v1/galleries")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"staff\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse();
        mvc.perform(post("/api/v1/galleries")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"staff\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("Location", first.getHeader("Location")))
                .andExpect(content().json(first.getContentAsString()));
        mvc.perform(get("/api/v1/galleries")).andExpect(jsonPath("$.items", hasSize(1)));

        mvc.perform(post("/api/v1/galleries")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"other\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void aRetryWhileTheFirstRunsIsAConflict(@Autowired dev.facerec.api.http.idempotency.IdempotencyStore store)
            throws Exception {
        String key = UUID.randomUUID().toString();
        store.claim(
                dev.facerec.api.http.idempotency.IdempotencyFilter.scopedKey(null, key),
                "the first request, still running");
        mvc.perform(post("/api/v1/galleries")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"staff\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("IDEMPOTENCY_IN_PROGRESS"))
                .andExpect(jsonPath("$.requestId").exists());
        mvc.perform(get("/api/v1/galleries")).andExpect(jsonPath("$.items", hasSize(0)));
    }

    @Test
    void aRefusedRequestIsStoredAndReplayedAndABadKeyIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        mvc.perform(post("/api/v1/galleries")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/galleries")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Idempotent-Replayed", "true"));
        mvc.perform(post("/api/v1/galleries")
                        .header("Idempotency-Key", "with space")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_REQUEST"));
    }

    @Test
    void aRetentionIsSetAtCreationChangedAndClearedAndShownInTheView() throws Exception {
        String created = mvc.perform(post("/api/v1/galleries")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"visitors\",\"retentionDays\":30}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.retentionDays").value(30))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        mvc.perform(get("/api/v1/galleries/" + id))
                .andExpect(jsonPath("$.retentionDays").value(30));
        mvc.perform(patch("/api/v1/galleries/" + id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionDays\":7}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.retentionDays").value(7))
                .andExpect(jsonPath("$.name").value("visitors"));
        mvc.perform(get("/api/v1/galleries"))
                .andExpect(jsonPath("$.items[0].retentionDays").value(7));
        mvc.perform(patch("/api/v1/galleries/" + id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionDays\":null}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.retentionDays").doesNotExist());
        mvc.perform(get("/api/v1/galleries/" + id))
                .andExpect(jsonPath("$.retentionDays").doesNotExist());
        mvc.perform(patch("/api/v1/galleries/" + UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionDays\":7}"))
                .andExpect(status().isNotFound());
        String kept = create("staff");
        mvc.perform(get("/api/v1/galleries/" + kept))
                .andExpect(jsonPath("$.retentionDays").doesNotExist());
    }

    @Test
    void aRetentionOutsideOneDayToAHundredYearsIsABadRequest() throws Exception {
        for (String days : java.util.List.of("0", "-1", "36501")) {
            mvc.perform(post("/api/v1/galleries")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\":\"g\",\"retentionDays\":" + days + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value("INVALID_REQUEST"))
                    .andExpect(jsonPath("$.details.field").value("retentionDays"));
        }
        mvc.perform(get("/api/v1/galleries")).andExpect(jsonPath("$.items", hasSize(0)));
        String id = create("staff");
        for (String body : java.util.List.of(
                "{\"retentionDays\":0}",
                "{\"retentionDays\":-5}",
                "{\"retentionDays\":36501}",
                "{\"retentionDays\":1.5}",
                "{\"retentionDays\":\"ten\"}",
                "{}")) {
            mvc.perform(patch("/api/v1/galleries/" + id)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(get("/api/v1/galleries/" + id))
                .andExpect(jsonPath("$.retentionDays").doesNotExist());
        mvc.perform(patch("/api/v1/galleries/" + id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retentionDays\":36500}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.retentionDays").value(36500));
    }

    private String create(String name) throws Exception {
        String body = mvc.perform(post("/api/v1/galleries")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\"}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}
