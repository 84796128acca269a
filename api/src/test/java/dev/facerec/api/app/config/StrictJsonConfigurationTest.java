package dev.facerec.api.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.account.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the application's JSON reader accepts, value by value (the HTTP answers are in the end-to-end tests). */
class StrictJsonConfigurationTest {
    private static final JsonMapper JSON =
            StrictJsonConfiguration.strict(JsonMapper.builder()).build();

    record Body(
            String name,
            Integer count,
            Double ratio,
            Boolean enabled,
            Role role,
            UUID id,
            Instant at,
            List<String> names,
            JsonNode metadata) {}

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"name\":\"a\",\"count\":3,\"ratio\":0.5,\"enabled\":false,\"role\":\"ADMIN\"}",
                "{\"ratio\":2,\"id\":\"0b7f9c1e-4b44-4a4e-8a55-3d3f1f1d2a10\",\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"name\":\"\",\"names\":[\"x\",\"\"],\"metadata\":{\"a\":1,\"b\":{\"a\":2}}}",
                "{\"name\":null,\"count\":null,\"role\":null,\"metadata\":null}",
                "{\"unknown\":\"fields are ignored\"}"
            })
    void documentedShapesAreRead(String json) {
        assertThat(JSON.readValue(json, Body.class)).isNotNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "name     | {\"name\":\"a\",\"name\":\"b\"}",
                "metadata | {\"metadata\":{\"k\":1,\"k\":2}}",
                "role     | {\"role\":1}",
                "role     | {\"role\":\"1\"}",
                "role     | {\"role\":\"ADMIN \"}",
                "role     | {\"role\":\" ADMIN\"}",
                "role     | {\"role\":\"admin\"}",
                "role     | {\"role\":\"\"}",
                "role     | {\"role\":true}",
                "name     | {\"name\":123}",
                "name     | {\"name\":1.5}",
                "name     | {\"name\":true}",
                "count    | {\"count\":\"30\"}",
                "count    | {\"count\":30.5}",
                "count    | {\"count\":true}",
                "count    | {\"count\":\"\"}",
                "ratio    | {\"ratio\":\"0.5\"}",
                "enabled  | {\"enabled\":\"false\"}",
                "enabled  | {\"enabled\":0}",
                "enabled  | {\"enabled\":\"\"}",
                "id       | {\"id\":5}",
                "id       | {\"id\":\"\"}",
                "names    | {\"names\":[1]}",
                "names    | {\"names\":\"x\"}",
            })
    void anythingElseIsRefusedNamingTheField(String field, String json) {
        assertThatThrownBy(() -> JSON.readValue(json, Body.class))
                .isInstanceOf(JacksonException.class)
                .satisfies(e -> assertThat(((JacksonException) e).getPathReference() + " " + e.getMessage())
                        .contains(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"a\"} {\"name\":\"b\"}", "{\"name\":\"a\"}x", "[{\"name\":\"a\"}]"})
    void oneObjectAndNothingAfterIt(String json) {
        assertThatThrownBy(() -> JSON.readValue(json, Body.class)).isInstanceOf(JacksonException.class);
    }
}
