package dev.facerec.api.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A gallery restricted to named callers, through real HTTP: the callers named (users and an API key) and admins use
 * it; another caller of the same role sees neither the gallery, its persons nor identification in it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "facerec.ml.models-dir=${facerec.models.dir}")
class GalleryAccessEndToEndIT {
    private static final String PASSWORD = "Long-Passphrase-For-Tests-2026";
    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"FORBIDDEN\"");
    }
}
