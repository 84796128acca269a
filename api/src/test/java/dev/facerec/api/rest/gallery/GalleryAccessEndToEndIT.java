package dev.facerec.api.rest.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each caller may see and change, through real HTTP: a gallery restricted to named callers is for them (users
 * and an API key) and admins only, and another caller of the same role sees neither the gallery, its persons nor
 * identification in it; identification does not let a viewer list who is enrolled; every list pages; a PATCH refuses
 * what it cannot change.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "facerec.ml.models-dir=${facerec.models.dir}")
class GalleryAccessEndToEndIT {
    private static final String PASSWORD = "Long-Passphrase-For-Tests-2026";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Half a decade of false match rate for the default pack: (0.4151 - 0.3358) / 2, see docs/security.md. */
    private static final double NEAR_MARGIN = 0.0397;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Test
    void aRestrictedGalleryIsForTheCallersNamedAndAdministratorsOnly() throws Exception {
        TestHttp admin = new TestHttp(port);
        String restricted = created(admin.postJson("/api/v1/galleries", "{\"name\":\"board\"}"));
        String open = created(admin.postJson("/api/v1/galleries", "{\"name\":\"staff\"}"));
        String person =
                created(admin.postJson("/api/v1/persons", "{\"name\":\"Colin\",\"galleryId\":\"" + restricted + "\"}"));
        byte[] photo = Files.readAllBytes(
                Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images/Colin_Powell/Colin_Powell_0001.jpg"));
        assertThat(admin.postImage("/api/v1/persons/" + person + "/faces", photo)
                        .statusCode())
                .isEqualTo(201);

        TestHttp named = user(admin, "opa", "OPERATOR");
        TestHttp other = user(admin, "opb", "OPERATOR");
        TestHttp viewer = user(admin, "viewa", "VIEWER");
        JsonNode key = JSON.readTree(admin.postJson("/api/v1/api-keys", "{\"name\":\"door\",\"role\":\"OPERATOR\"}")
                .body());
        TestHttp machine = TestHttp.withHeader(port, "X-API-Key", key.get("key").asString());
        String keyName = "key:" + key.get("apiKey").get("prefix").asString();

        HttpResponse<String> set =
                put(admin, "/api/v1/galleries/" + restricted + "/access", "{\"principals\":[\"opa\",\" viewa \"]}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("\"restricted\":true", "\"viewa\"");

        // The callers named, and administrators.
        assertThat(named.getText("/api/v1/galleries/" + restricted).statusCode())
                .isEqualTo(200);
        assertThat(named.getText("/api/v1/galleries").body()).contains(restricted, open);
        assertThat(named.getText("/api/v1/persons?galleryId=" + restricted).body())
                .contains(person);
        assertThat(named.getText("/api/v1/persons/" + person + "/faces").statusCode())
                .isEqualTo(200);
        assertThat(viewer.postImage("/api/v1/identify", photo, "galleryId", restricted)
                        .body())
                .contains(person);
        assertThat(admin.getText("/api/v1/persons/" + person).statusCode()).isEqualTo(200);

        // Anyone else of the same role: refused, and the listing hides the gallery.
        assertForbidden(other.getText("/api/v1/galleries/" + restricted));
        assertThat(other.getText("/api/v1/galleries").body()).contains(open).doesNotContain(restricted);
        assertForbidden(other.getText("/api/v1/persons?galleryId=" + restricted));
        assertThat(other.getText("/api/v1/persons").statusCode())
                .as("listing across galleries would show restricted persons")
                .isEqualTo(400);
        assertForbidden(other.getText("/api/v1/persons/" + person));
        assertForbidden(other.getText("/api/v1/persons/" + person + "/faces"));
        assertForbidden(other.postJson("/api/v1/persons", "{\"name\":\"x\",\"galleryId\":\"" + restricted + "\"}"));
        assertForbidden(other.postImage("/api/v1/persons/" + person + "/faces", photo));
        assertForbidden(other.postImage("/api/v1/persons/" + person + "/verify", photo));
        assertForbidden(other.postImage("/api/v1/identify", photo, "galleryId", restricted));
        assertForbidden(other.call("DELETE", "/api/v1/persons/" + person));
        assertForbidden(other.call("DELETE", "/api/v1/galleries/" + restricted));
        assertThat(admin.getText("/api/v1/persons/" + person).statusCode())
                .as("nothing was deleted")
                .isEqualTo(200);
        assertThat(other.getText("/api/v1/persons?galleryId=" + open).statusCode())
                .isEqualTo(200);

        // An API key is named by its prefix.
        assertForbidden(machine.getText("/api/v1/galleries/" + restricted));
        put(admin, "/api/v1/galleries/" + restricted + "/access", "{\"principals\":[\"opa\",\"" + keyName + "\"]}");
        assertThat(machine.getText("/api/v1/galleries/" + restricted).statusCode())
                .isEqualTo(200);
        assertForbidden(viewer.postImage("/api/v1/identify", photo, "galleryId", restricted));

        // Bad lists and unknown galleries; an empty list opens the gallery again.
        assertThat(put(admin, "/api/v1/galleries/" + restricted + "/access", "{\"principals\":[\"a\\u0000b\"]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(put(admin, "/api/v1/galleries/00000000-0000-0000-0000-000000000000/access", "{\"principals\":[]}")
                        .statusCode())
                .isEqualTo(404);
        put(admin, "/api/v1/galleries/" + restricted + "/access", "{\"principals\":[]}");
        assertThat(other.getText("/api/v1/galleries/" + restricted).statusCode())
                .isEqualTo(200);
        assertThat(admin.getText("/api/v1/galleries/" + restricted + "/access").body())
                .contains("\"restricted\":false");
    }

    /**
     * Identification must not let a viewer list who is enrolled: candidates far below the threshold, or a threshold
     * of -1 that makes the nearest person a match, would answer with a name for any face at all.
     */
    @Test
    void aViewerSeesOnlyCandidatesNearTheThresholdAndCannotLowerIt() throws Exception {
        TestHttp admin = new TestHttp(port);
        String gallery = created(admin.postJson("/api/v1/galleries", "{\"name\":\"lobby\"}"));
        String colin = enrol(admin, gallery, "Colin Powell", "Colin_Powell/Colin_Powell_0001.jpg");
        String tony = enrol(admin, gallery, "Tony Blair", "Tony_Blair/Tony_Blair_0001.jpg");
        TestHttp operator = user(admin, "lobby-operator", "OPERATOR");
        TestHttp viewer = user(admin, "lobby-viewer", "VIEWER");
        JsonNode viewerKey =
                JSON.readTree(admin.postJson("/api/v1/api-keys", "{\"name\":\"lobby-camera\",\"role\":\"VIEWER\"}")
                        .body());
        TestHttp camera =
                TestHttp.withHeader(port, "X-API-Key", viewerKey.get("key").asString());
        byte[] stranger = photo("Aaron_Sorkin/Aaron_Sorkin_0001.jpg");
        byte[] colinAgain = photo("Colin_Powell/Colin_Powell_0002.jpg");

        // Operators keep every candidate and any threshold.
        JsonNode operatorDefault = identify(operator, stranger, gallery);
        double threshold = operatorDefault.path("threshold").asDouble();
        assertThat(face(operatorDefault).path("candidates")).hasSize(2);
        assertThat(face(operatorDefault).path("match").isNull()).isTrue();
        JsonNode forced = face(identify(operator, stranger, gallery, "threshold", "-1"));
        assertThat(forced.path("match").path("personId").asString()).isIn(colin, tony);
        assertThat(face(identify(operator, colinAgain, gallery)).path("candidates"))
                .as("the operator sees the far candidate too")
                .hasSize(2);

        for (TestHttp restricted : List.of(viewer, camera)) {
            JsonNode lowered = identify(restricted, stranger, gallery, "threshold", "-1");
            assertThat(lowered.path("threshold").asDouble())
                    .as("a lower threshold is raised to the default")
                    .isEqualTo(threshold);
            assertThat(face(lowered).path("match").isNull())
                    .as(lowered.toString())
                    .isTrue();
            assertThat(face(lowered).path("candidates")).as(lowered.toString()).isEmpty();
            assertThat(face(identify(restricted, stranger, gallery)).path("candidates"))
                    .isEmpty();

            JsonNode known = identify(restricted, colinAgain, gallery);
            assertThat(face(known).path("match").path("personId").asString()).isEqualTo(colin);
            for (JsonNode candidate : face(known).path("candidates")) {
                assertThat(candidate.path("personId").asString())
                        .as("only candidates near the threshold: %s", known)
                        .isNotEqualTo(tony);
                assertThat(candidate.path("similarity").asDouble()).isGreaterThanOrEqualTo(threshold - NEAR_MARGIN);
            }
            JsonNode stricter = identify(restricted, colinAgain, gallery, "threshold", "0.99");
            assertThat(stricter.path("threshold").asDouble())
                    .as("a higher threshold is kept")
                    .isEqualTo(0.99);
            assertThat(face(stricter).path("match").isNull()).isTrue();
        }
    }

    @Test
    void patchRefusesFieldsItCannotChangeInsteadOfIgnoringThem() throws Exception {
        TestHttp admin = new TestHttp(port);
        String home = created(admin.postJson("/api/v1/galleries", "{\"name\":\"patch-home\"}"));
        String other = created(admin.postJson("/api/v1/galleries", "{\"name\":\"patch-other\"}"));
        String person = created(admin.postJson("/api/v1/persons", "{\"name\":\"Ada\",\"galleryId\":\"" + home + "\"}"));

        // Moving a person would need its faces, the index and the change log to follow: refused, not ignored.
        assertRefused(patch(admin, "/api/v1/persons/" + person, "{\"galleryId\":\"" + other + "\"}"), "galleryId");
        assertRefused(
                patch(admin, "/api/v1/persons/" + person, "{\"name\":\"Ada L\",\"galleryId\":\"" + other + "\"}"),
                "galleryId");
        assertRefused(patch(admin, "/api/v1/persons/" + person, "{\"nmae\":\"Ada L\"}"), "nmae");
        JsonNode unchanged =
                JSON.readTree(admin.getText("/api/v1/persons/" + person).body());
        assertThat(unchanged.path("galleryId").asString()).isEqualTo(home);
        assertThat(unchanged.path("name").asString())
                .as("a refused PATCH changes nothing")
                .isEqualTo("Ada");
        HttpResponse<String> renamed = patch(admin, "/api/v1/persons/" + person, "{\"name\":\"Ada L\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);

        assertRefused(patch(admin, "/api/v1/galleries/" + home, "{\"retentionDays\":30,\"name\":\"renamed\"}"), "name");
        JsonNode gallery =
                JSON.readTree(admin.getText("/api/v1/galleries/" + home).body());
        assertThat(gallery.path("name").asString()).isEqualTo("patch-home");
        assertThat(gallery.path("retentionDays").isNull()).isTrue();

        user(admin, "patched-user", "VIEWER");
        String account = JSON.readTree(admin.getText("/api/v1/users?size=500").body())
                .path("items")
                .valueStream()
                .filter(item -> item.path("username").asString().equals("patched-user"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
        assertRefused(
                patch(admin, "/api/v1/users/" + account, "{\"role\":\"OPERATOR\",\"username\":\"root\"}"), "username");
        assertRefused(
                patch(admin, "/api/v1/users/" + account, "{\"password\":\"Another-Long-Passphrase-99\"}"), "password");
        JsonNode stored =
                JSON.readTree(admin.getText("/api/v1/users/" + account).body());
        assertThat(stored.path("username").asString()).isEqualTo("patched-user");
        assertThat(stored.path("role").asString()).isEqualTo("VIEWER");
    }

    @Test
    void everyListHonoursPageAndSize() throws Exception {
        TestHttp admin = new TestHttp(port);
        String restricted = created(admin.postJson("/api/v1/galleries", "{\"name\":\"paged-a\"}"));
        created(admin.postJson("/api/v1/galleries", "{\"name\":\"paged-b\"}"));
        String gallery = created(admin.postJson("/api/v1/galleries", "{\"name\":\"paged-c\"}"));
        String person = enrol(admin, gallery, "Colin Powell", "Colin_Powell/Colin_Powell_0001.jpg");
        HttpResponse<String> second =
                admin.postImage("/api/v1/persons/" + person + "/faces", photo("Colin_Powell/Colin_Powell_0003.jpg"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        created(admin.postJson("/api/v1/persons", "{\"name\":\"Paged Second\",\"galleryId\":\"" + gallery + "\"}"));
        for (String name : List.of("paged-one", "paged-two")) {
            user(admin, name, "VIEWER");
            HttpResponse<String> key =
                    admin.postJson("/api/v1/api-keys", "{\"name\":\"" + name + "\",\"role\":\"VIEWER\"}");
            assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        }
        HttpResponse<String> access = put(
                admin,
                "/api/v1/galleries/" + restricted + "/access",
                "{\"principals\":[\"paged-one\",\"paged-two\",\"key:frk_000000000000\"]}");
        assertThat(access.statusCode()).as(access.body()).isEqualTo(200);

        // Each list with the field that holds its items; the audit log is filtered to events that no longer come.
        Map<String, String> lists = new LinkedHashMap<>();
        lists.put("/api/v1/galleries?", "items");
        lists.put("/api/v1/persons?galleryId=" + gallery + "&", "items");
        lists.put("/api/v1/persons/" + person + "/faces?", "items");
        lists.put("/api/v1/users?", "items");
        lists.put("/api/v1/api-keys?", "items");
        lists.put("/api/v1/audit?action=gallery.create&", "items");
        lists.put("/api/v1/galleries/" + restricted + "/access?", "principals");
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, String> list : lists.entrySet()) {
            String path = list.getKey();
            JsonNode first = JSON.readTree(admin.getText(path + "page=0&size=1").body());
            JsonNode next = JSON.readTree(admin.getText(path + "page=1&size=1").body());
            soft.assertThat(first.path(list.getValue()))
                    .as(path + "page=0&size=1: " + first)
                    .hasSize(1);
            soft.assertThat(next.path(list.getValue()))
                    .as(path + "page=1&size=1: " + next)
                    .hasSize(1);
            soft.assertThat(next.path(list.getValue()).path(0))
                    .as(path + " pages 0 and 1 hold different items")
                    .isNotEqualTo(first.path(list.getValue()).path(0));
            soft.assertThat(first.path("page").asInt(-1)).as(path + " page").isZero();
            soft.assertThat(next.path("page").asInt(-1)).as(path + " page").isEqualTo(1);
            soft.assertThat(first.path("size").asInt(-1)).as(path + " size").isEqualTo(1);
            soft.assertThat(first.path("total").asLong(-1)).as(path + " total").isGreaterThanOrEqualTo(2);
            for (String bad : List.of("size=0", "size=501", "page=-1", "size=ten")) {
                HttpResponse<String> refused = admin.getText(path + bad);
                soft.assertThat(refused.statusCode())
                        .as(path + bad + ": " + refused.body())
                        .isEqualTo(400);
                soft.assertThat(refused.headers().firstValue("Content-Type").orElse(""))
                        .as(path + bad)
                        .startsWith("application/problem+json");
                soft.assertThat(refused.body()).as(path + bad).contains("\"field\":\"" + bad.split("=")[0] + "\"");
            }
        }
        soft.assertAll();
    }

    private String enrol(TestHttp admin, String gallery, String name, String image) throws Exception {
        String person = created(
                admin.postJson("/api/v1/persons", "{\"name\":\"" + name + "\",\"galleryId\":\"" + gallery + "\"}"));
        HttpResponse<String> face = admin.postImage("/api/v1/persons/" + person + "/faces", photo(image));
        assertThat(face.statusCode()).as(face.body()).isEqualTo(201);
        return person;
    }

    private static JsonNode identify(TestHttp caller, byte[] image, String gallery, String... fields) throws Exception {
        String[] all = new String[fields.length + 2];
        all[0] = "galleryId";
        all[1] = gallery;
        System.arraycopy(fields, 0, all, 2, fields.length);
        HttpResponse<String> response = caller.postImage("/api/v1/identify", image, all);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode face(JsonNode identification) {
        assertThat(identification.path("faces")).as(identification.toString()).hasSize(1);
        return identification.path("faces").get(0);
    }

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images/" + relative));
    }

    private TestHttp user(TestHttp admin, String name, String role) throws Exception {
        HttpResponse<String> created = admin.postJson(
                "/api/v1/auth/register",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestHttp.withToken(port, TestHttp.signIn(port, name, PASSWORD));
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asString();
    }

    private static HttpResponse<String> put(TestHttp http, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static HttpResponse<String> patch(TestHttp http, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(problem.path("details").path("field").asString()).isEqualTo(field);
        assertThat(problem.path("detail").asString()).contains(field);
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"FORBIDDEN\"");
    }
}
