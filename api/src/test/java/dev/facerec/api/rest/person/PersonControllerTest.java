package dev.facerec.api.rest.person;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.facerec.api.rest.gallery.Fixtures;
import dev.facerec.api.rest.gallery.GallerySlice;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.testing.FakePipeline;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@GallerySlice
class PersonControllerTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    FakePipeline fakes;

    Gallery staff;

    @BeforeEach
    void reset() {
        fakes.reset();
        staff = Fixtures.gallery(fakes, "staff");
    }

    @Test
    void createsWith201LocationAndMetadataAsJson() throws Exception {
        create("{\"galleryId\":\"" + staff.id() + "\",\"name\":\"Alice\",\"externalId\":\"E-1\","
                        + "\"metadata\":{\"team\":\"blue\",\"floor\":3}}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", matchesPattern("/api/v1/persons/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.galleryId").value(staff.id().toString()))
                .andExpect(jsonPath("$.name").value("Alice"))
                .andExpect(jsonPath("$.externalId").value("E-1"))
                .andExpect(jsonPath("$.metadata.team").value("blue"))
                .andExpect(jsonPath("$.metadata.floor").value(3));
    }

    @Test
    void refusesAMissingGalleryIdABadMetadataAndAnUnknownGallery() throws Exception {
        create("{\"name\":\"Alice\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("galleryId"));
        create("{\"galleryId\":\"" + staff.id() + "\",\"name\":\"Alice\",\"metadata\":[1]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("metadata"));
        create("{\"galleryId\":\"" + UUID.randomUUID() + "\",\"name\":\"Alice\"}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        create("{\"galleryId\":\"" + staff.id() + "\",\"name\":\"A\",\"externalId\":\"E\"}");
        create("{\"galleryId\":\"" + staff.id() + "\",\"name\":\"B\",\"externalId\":\"E\"}")
                .andExpect(status().isConflict());
    }

    @Test
    void listsPagesWithFilters() throws Exception {
        Fixtures.person(fakes, staff, "Alice Smith", "E-1");
        Fixtures.person(fakes, staff, "Bob Smith", "E-2");
        Fixtures.person(fakes, Fixtures.gallery(fakes, "other"), "Carol Smith", null);
        mvc.perform(get("/api/v1/persons")
                        .param("galleryId", staff.id().toString())
                        .param("name", "SMITH")
                        .param("size", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].name").value("Alice Smith"))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(1))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/persons").param("externalId", "E-2"))
                .andExpect(jsonPath("$.items[0].name").value("Bob Smith"));
        mvc.perform(get("/api/v1/persons").param("size", "501"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("size"));
    }

    @Test
    void getsPatchesAndDeletes() throws Exception {
        var alice = Fixtures.person(fakes, staff, "Alice", "E-1");
        mvc.perform(get("/api/v1/persons/" + alice.id()))
                .andExpect(jsonPath("$.name").value("Alice"));
        mvc.perform(patch("/api/v1/persons/" + alice.id())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Alice B\",\"metadata\":{\"x\":1}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Alice B"))
                .andExpect(jsonPath("$.externalId").value("E-1"))
                .andExpect(jsonPath("$.metadata.x").value(1));
        mvc.perform(patch("/api/v1/persons/" + alice.id())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.details.field").value("name"));
        mvc.perform(delete("/api/v1/persons/" + alice.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject.type").value("person"))
                .andExpect(jsonPath("$.subject.id").value(alice.id().toString()))
                .andExpect(jsonPath("$.persons").value(1))
                .andExpect(jsonPath("$.receiptId").isNotEmpty())
                .andExpect(jsonPath("$.changeLogSequence").isNumber());
        mvc.perform(get("/api/v1/persons/" + alice.id())).andExpect(status().isNotFound());
        mvc.perform(patch("/api/v1/persons/" + alice.id())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\"}"))
                .andExpect(status().isNotFound());
    }

    private ResultActions create(String json) throws Exception {
        return mvc.perform(
                post("/api/v1/persons").contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
