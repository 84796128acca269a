package dev.facerec.api.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a CompreFace client is given before its first call, made through facerec's own API as an administrator: a
 * gallery (a CompreFace face collection) and API keys, bound to a gallery or not.
 */
final class CompatKeys {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    // The key's secret, wherever the creation answer puts it.
    private static final Pattern SECRET = Pattern.compile("\"(frk_[0-9a-f]{12}\\.[A-Za-z0-9_-]{43})\"");

    private final TestHttp admin;

    CompatKeys(TestHttp admin) {
        this.admin = admin;
    }

    /** A new gallery's id. */
    String gallery(String name) throws IOException, InterruptedException {
        HttpResponse<String> created = admin.postJson("/api/v1/galleries", "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).as("a gallery id in %s", created.body()).isTrue();
        return id.group(1);
    }

    /** A new key's secret, with {@code role}, bound to {@code galleryId} unless that is null. */
    String key(String name, String role, String galleryId) throws IOException, InterruptedException {
        String gallery = galleryId == null ? "" : ",\"galleryId\":\"" + galleryId + "\"";
        HttpResponse<String> created = admin.postJson(
                "/api/v1/api-keys", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"" + gallery + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        if (galleryId != null) {
            assertThat(created.body()).as("the key is bound").contains(galleryId);
        }
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).as("a key in the creation answer").isTrue();
        return secret.group(1);
    }
}
