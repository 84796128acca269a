package dev.facerec.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log through real HTTP: what an administrator and an API key do, what a viewer and an anonymous caller are
 * refused, a failed sign-in without its password, a flood of anonymous refusals stored as a few counted rows, and the
 * query's filters, pages and access rule.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "facerec.ml.models-dir=${facerec.models.dir}",
            // Counted refusals are stored when their window ends: a short one keeps the test short.
            "facerec.audit.refusal-window=1s",
            // One trusted proxy address, so that a connection from another loopback address is an untrusted client.
            "facerec.client-address.trusted-proxies=127.0.0.1,::1"
        })
class AuditEndToEndIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VIEWER_PASSWORD = "Viewer-Passphrase-For-Audit-2026";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void whoDidWhatToWhichObjectAndWhatWasRefused() throws Exception {
        TestHttp admin = new TestHttp(port);
        Instant start = Instant.now();
        HttpResponse<String> gallery = admin.postJson("/api/v1/galleries", "{\"name\":\"audited\"}");
        assertThat(gallery.statusCode()).as(gallery.body()).isEqualTo(201);
        String galleryId = JSON.readTree(gallery.body()).get("id").asString();
        HttpResponse<String> person =
                admin.postJson("/api/v1/persons", "{\"name\":\"Audited Person\",\"galleryId\":\"" + galleryId + "\"}");
        assertThat(person.statusCode()).as(person.body()).isEqualTo(201);
        String personId = JSON.readTree(person.body()).get("id").asString();
        assertThat(admin.call("DELETE", "/api/v1/persons/" + personId).statusCode())
                .as("an erasure answers its receipt")
                .isEqualTo(200);

        String viewerName = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = admin.postJson(
                "/api/v1/auth/register",
                "{\"username\":\"" + viewerName + "\",\"password\":\"" + VIEWER_PASSWORD + "\",\"role\":\"VIEWER\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        TestHttp viewer = TestHttp.withToken(port, TestHttp.signIn(port, viewerName, VIEWER_PASSWORD));
        assertThat(viewer.call("DELETE", "/api/v1/galleries/" + galleryId).statusCode())
                .isEqualTo(403);
        assertThat(TestHttp.anonymous(port).getText("/api/v1/persons").statusCode())
                .isEqualTo(401);
        String intruder = "mallory-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Secret-Never-Stored-" + UUID.randomUUID();
        // Through a proxy (this test connects from 127.0.0.1, a trusted internal address): the client's address is the
        // one the proxy forwards, so per-address limits and the audit see the client, not the load balancer.
        assertThat(TestHttp.withHeader(port, "X-Forwarded-For", "203.0.113.77")
                        .postJson(
                                "/api/v1/auth/login",
                                "{\"username\":\"" + intruder + "\",\"password\":\"" + password + "\"}")
                        .statusCode())
                .isEqualTo(401);

        JsonNode created = awaitOne("action=gallery.create&targetId=" + galleryId, e -> true);
        assertEvent(created, "admin", "USER", "gallery", galleryId, galleryId, 201, "SUCCESS");
        assertThat(created.get("actorRole").asString()).isEqualTo("ADMIN");
        assertThat(created.get("clientAddress").asString()).isNotBlank();
        assertThat(created.get("requestId").asString()).isNotBlank();
        assertEvent(
                awaitOne("action=person.create&targetId=" + personId, e -> true),
                "admin",
                "USER",
                "person",
                personId,
                galleryId,
                201,
                "SUCCESS");
        assertEvent(
                awaitOne("action=person.delete&targetId=" + personId, e -> true),
                "admin",
                "USER",
                "person",
                personId,
                null,
                200,
                "SUCCESS");
        assertThat(page("action=person.delete&targetId=" + personId)
                        .get("total")
                        .asLong())
                .as("each request is recorded once")
                .isEqualTo(1);
        assertEvent(
                awaitOne("actor=" + viewerName + "&action=gallery.delete", e -> true),
                viewerName,
                "USER",
                "gallery",
                galleryId,
                galleryId,
                403,
                "DENIED");
        assertEvent(
                awaitOne(
                        "actor=anonymous&action=person.list",
                        e -> e.get("status").asInt() == 401),
                "anonymous",
                "ANONYMOUS",
                null,
                null,
                null,
                401,
                "DENIED");
        assertEvent(awaitOne("actor=" + intruder, e -> true), intruder, "ANONYMOUS", null, null, null, 401, "DENIED");
        assertThat(awaitOne("actor=" + intruder, e -> true).get("action").asString())
                .isEqualTo("auth.login.failed");
        assertThat(awaitOne("actor=" + intruder, e -> true).get("clientAddress").asString())
                .isEqualTo("203.0.113.77");
        assertThat(awaitOne("actor=" + viewerName + "&action=auth.login", e -> true)
                        .get("status")
                        .asInt())
                .isEqualTo(200);

        assertThat(rawRows())
                .as("no password, token or body in any stored row")
                .doesNotContain(password)
                .doesNotContain(VIEWER_PASSWORD)
                .doesNotContain(TestHttp.ADMIN_PASSWORD)
                .doesNotContain("Audited Person")
                .contains(intruder);

        JsonNode byGallery = page("galleryId=" + galleryId + "&from=" + start + "&size=500");
        List<String> actions = new ArrayList<>();
        byGallery.get("items").forEach(e -> actions.add(e.get("action").asString()));
        assertThat(actions).contains("gallery.create", "person.create", "gallery.delete");

        JsonNode first = page("galleryId=" + galleryId + "&size=1&page=0");
        JsonNode second = page("galleryId=" + galleryId + "&size=1&page=1");
        assertThat(first.get("total").asLong()).isEqualTo(byGallery.get("total").asLong());
        assertThat(first.get("size").asInt()).isEqualTo(1);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(first.get("items")).hasSize(1);
        assertThat(Instant.parse(first.get("items").get(0).get("at").asString()))
                .as("newest first")
                .isAfterOrEqualTo(
                        Instant.parse(second.get("items").get(0).get("at").asString()));
        assertThat(page("galleryId=" + galleryId + "&to=" + start).get("total").asLong())
                .isZero();

        for (String bad : List.of(
                "size=501",
                "size=0",
                "page=-1",
                "galleryId=not-a-uuid",
                "from=yesterday",
                "from=" + start + "&to=" + start.minusSeconds(60))) {
            HttpResponse<String> refused = admin.getText("/api/v1/audit?" + bad);
            assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(admin.getText("/metrics/prometheus").body())
                .containsPattern("facerec_audit_events_total(\\{[^}]*})? [1-9]")
                .contains("facerec_audit_dropped_total");
        assertThat(viewer.getText("/api/v1/audit").statusCode()).isEqualTo(403);
        assertThat(TestHttp.anonymous(port).getText("/api/v1/audit").statusCode())
                .isEqualTo(401);
    }

    @Test
    void anApiKeyCallIsRecordedWithTheKeysPrefixAndOwner() throws Exception {
        TestHttp admin = new TestHttp(port);
        HttpResponse<String> created =
                admin.postJson("/api/v1/api-keys", "{\"name\":\"audited-ci\",\"role\":\"OPERATOR\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        String actor = "key:" + body.get("apiKey").get("prefix").asString();
        TestHttp client = TestHttp.withHeader(port, "X-API-Key", body.get("key").asString());

        HttpResponse<String> gallery = client.postJson("/api/v1/galleries", "{\"name\":\"by-key\"}");
        assertThat(gallery.statusCode()).as(gallery.body()).isEqualTo(201);
        String galleryId = JSON.readTree(gallery.body()).get("id").asString();
        assertThat(client.getText("/api/v1/api-keys").statusCode()).isEqualTo(403);

        // Found by what was done, not by whom, so that a wrong actor shows as such.
        JsonNode write = awaitOne("action=gallery.create&targetId=" + galleryId, e -> true);
        assertEvent(write, actor, "API_KEY", "gallery", galleryId, galleryId, 201, "SUCCESS");
        assertThat(write.get("actorRole").asString()).isEqualTo("OPERATOR");
        assertThat(text(write, "keyOwner")).as(write.toString()).isEqualTo(TestHttp.ADMIN);
        JsonNode refused = awaitOne("actor=" + actor + "&action=api-key.list", e -> true);
        assertEvent(refused, actor, "API_KEY", null, null, null, 403, "DENIED");
        assertThat(text(refused, "keyOwner")).isEqualTo(TestHttp.ADMIN);
        assertThat(page("keyOwner=" + TestHttp.ADMIN + "&actor=" + encodeValue(actor))
                        .get("total")
                        .asLong())
                .as("the owner is a filter: what did the keys of this user do")
                .isEqualTo(2);
    }

    @Test
    void aFloodOfAnonymousRefusalsIsStoredAsAFewRowsCountingEveryRequest() throws Exception {
        // A documentation address of its own (through the trusted local proxy), so that no other test's rows count.
        String address = "198.51.100.23";
        TestHttp stranger = TestHttp.withHeader(port, "X-Forwarded-For", address);
        int sent = 2000;
        Instant start = Instant.now();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                statuses.add(
                        clients.submit(() -> stranger.getText("/api/v1/persons").statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(401);
            }
        }
        long windows = Duration.between(start, Instant.now()).toSeconds() + 2;

        List<JsonNode> rows = new ArrayList<>();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (counted(rows) < sent && System.nanoTime() < deadline) {
            Thread.sleep(200);
            rows.clear();
            page("actor=anonymous&action=person.list&size=500&from=" + start.minusSeconds(1))
                    .get("items")
                    .forEach(row -> {
                        if (address.equals(text(row, "clientAddress"))) {
                            rows.add(row);
                        }
                    });
        }
        assertThat(rows)
                .as("about one row per 1 s window, not one per request (%d windows)", windows)
                .hasSizeLessThanOrEqualTo((int) (2 * windows));
        assertThat(counted(rows)).as("every refusal is counted once: %s", rows).isEqualTo(sent);
        for (JsonNode row : rows) {
            assertEvent(row, "anonymous", "ANONYMOUS", null, null, null, 401, "DENIED");
            if (row.get("occurrences").asInt() > 1) {
                assertThat(Instant.parse(row.get("lastAt").asString()))
                        .isAfterOrEqualTo(Instant.parse(row.get("at").asString()));
                assertThat(text(row, "requestId"))
                        .as("the requests differ in it")
                        .isNull();
            }
        }
        assertThat(new TestHttp(port).getText("/metrics/prometheus").body())
                .containsPattern("facerec_audit_refusals_aggregated_total(\\{[^}]*})? [1-9][0-9]{3}")
                .contains("facerec_audit_refusals_overflow_total")
                .contains("facerec_audit_retention_deleted_total");
    }

    private static long counted(List<JsonNode> rows) {
        // A row without a count is one request.
        return rows.stream().mapToLong(row -> row.path("occurrences").asLong(1)).sum();
    }

    /**
     * The address the audit records (and rate limits and lock-outs count) is the one X-Forwarded-For names only when
     * the connection comes from a trusted proxy and every entry read up to the client's is an IP address; otherwise
     * the connection's own. What the client claimed left of its own entry is not read: junk there must not let a
     * client hide behind the proxy's address.
     */
    @ParameterizedTest(name = "from {0} with [{1}]: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1 | 198.51.100.7                   | 198.51.100.7",
                "127.0.0.1 | 2001:DB8:0::7                  | 2001:db8:0:0:0:0:0:7",
                "127.0.0.1 | not-an-address                 | 127.0.0.1",
                "127.0.0.1 | 'evil.example, 198.51.100.7'   | 198.51.100.7",
                "127.0.0.1 | '198.51.100.7, evil.example'   | 127.0.0.1",
                "127.0.0.1 | 198.51.100.7:4711              | 127.0.0.1",
                "127.0.0.1 | <script>alert(1)</script>      | 127.0.0.1",
                "127.0.0.2 | 198.51.100.7                   | 127.0.0.2",
            })
    void forwardedForCountsOnlyAsAnAddressFromATrustedProxy(String from, String forwardedFor, String recorded)
            throws Exception {
        String token = TestHttp.signIn(port, TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        HttpClient client = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(from))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> gallery = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/galleries"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", forwardedFor)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"forwarded-" + UUID.randomUUID() + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gallery.statusCode()).as(gallery.body()).isEqualTo(201);
        String galleryId = JSON.readTree(gallery.body()).get("id").asString();
        assertThat(awaitOne("action=gallery.create&targetId=" + galleryId, e -> true)
                        .get("clientAddress")
                        .asString())
                .isEqualTo(recorded);
    }

    private JsonNode page(String query) throws Exception {
        HttpResponse<String> response = new TestHttp(port).getText("/api/v1/audit?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The newest event matching the filters and the condition, once the writer has stored it. */
    private JsonNode awaitOne(String query, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            for (JsonNode event : page(encode(query)).get("items")) {
                if (condition.test(event)) {
                    return event;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no audit event for " + query);
            }
            Thread.sleep(50);
        }
    }

    private static String encodeValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String encode(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            out.append(out.isEmpty() ? "" : "&")
                    .append(parts[0])
                    .append('=')
                    .append(URLEncoder.encode(parts[1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static void assertEvent(
            JsonNode event,
            String actor,
            String kind,
            String targetType,
            String targetId,
            String galleryId,
            int status,
            String outcome) {
        assertThat(event.get("actor").asString()).as(event.toString()).isEqualTo(actor);
        assertThat(event.get("actorKind").asString()).as(event.toString()).isEqualTo(kind);
        assertThat(text(event, "targetType")).as(event.toString()).isEqualTo(targetType);
        assertThat(text(event, "targetId")).as(event.toString()).isEqualTo(targetId);
        assertThat(text(event, "galleryId")).as(event.toString()).isEqualTo(galleryId);
        assertThat(event.get("status").asInt()).as(event.toString()).isEqualTo(status);
        assertThat(event.get("outcome").asString()).as(event.toString()).isEqualTo(outcome);
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Every stored audit row, every column, as one text. */
    private String rawRows() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("select * from audit_events")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    all.append(rows.getString(i)).append('|');
                }
                all.append('\n');
            }
        }
        return all.toString();
    }
}
