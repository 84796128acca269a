package dev.facerec.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator scripts against the real service: startup.sh builds its start-up cache and starts
 * api/target/facerec.jar (built by package, before failsafe runs) on a free port with a throwaway PostgreSQL
 * database, images in a throwaway folder and the shared models; backup.sh and restore.sh bring back a wiped service
 * that then identifies as before;
 * health_check.sh passes against it and fails against a dead port; auto-heal.sh monitor brings it back after a
 * SIGKILL, and the time until it is ready again is measured and printed; startup.sh stop stops it.
 */
@TestMethodOrder(OrderAnnotation.class)
class OperatorScriptsIT {
    /** The target is under 30 s; the bound is generous because the test machine may be busy with other builds. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(90);

    private static final Duration START_LIMIT = Duration.ofSeconds(180);

    @TempDir
    static Path work;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static int port;
    private static String database;
    private static Map<String, String> service;
    private static Process monitor;
    /** An OPERATOR key, created once the service runs: what an operator gives the scripts and curl. */
    private static String apiKey;

    @BeforeAll
    static void startTheServiceWithStartupSh() throws Exception {
        Path jar = Scripts.REPOSITORY.resolve("api/target/facerec.jar");
        assertThat(jar).as("the jar that package builds").exists();
        String models = System.getProperty("facerec.models.dir");
        assertThat(models)
                .as("system property facerec.models.dir (the shared models)")
                .isNotNull();
        port = Scripts.freePort();
        database =
                "facerec_ops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres("create database " + database);
        service = Map.ofEntries(
                Map.entry("SERVER_PORT", String.valueOf(port)),
                Map.entry("MANAGEMENT_PORT", String.valueOf(Scripts.freePort())),
                Map.entry("FACEREC_ADMIN_PASSWORD", TestHttp.ADMIN_PASSWORD),
                Map.entry("JAR", jar.toString()),
                Map.entry("FACE_MODELS_DIR", models),
                Map.entry("FACEREC_DATA_DIR", work.resolve("data").toString()),
                Map.entry("DATABASE_HOST", "127.0.0.1"),
                Map.entry("DATABASE_PORT", "5432"),
                Map.entry("DATABASE_NAME", database),
                Map.entry("DATABASE_USER", "postgres"),
                Map.entry("LOG_DIR", work.resolve("logs").toString()),
                Map.entry("JAVA_OPTS", "-Xmx1g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector"),
                Map.entry("STOP_GRACE", "20"));

        long started = System.nanoTime();
        Scripts.Result prepare = Scripts.run(service, START_LIMIT, "startup.sh", "prepare");
        Scripts.assertExit(prepare, 0);
        assertThat(prepare.output()).contains("start-up cache ready");
        System.out.printf("startup.sh prepare: %.1f s%n", seconds(System.nanoTime() - started));

        started = System.nanoTime();
        Scripts.Result result = Scripts.run(service, START_LIMIT, "startup.sh", "start");

        Scripts.assertExit(result, 0);
        assertThat(result.output()).contains("pre-start checks passed", "using the start-up cache", "ready after");
        System.out.printf("startup.sh start: ready in %.1f s%n", seconds(System.nanoTime() - started));

        HttpResponse<String> key =
                new TestHttp(port).postJson("/api/v1/api-keys", "{\"name\":\"ops\",\"role\":\"OPERATOR\"}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        apiKey = JSON.readTree(key.body()).path("key").asString();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (monitor != null && monitor.isAlive()) {
            monitor.destroyForcibly();
        }
        if (service != null) {
            Scripts.run(service, Duration.ofSeconds(60), "startup.sh", "stop");
            postgres("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    @Order(1)
    void healthCheckPassesAgainstTheRunningService() throws Exception {
        Scripts.Result anonymous = Scripts.run(
                Map.of(), Duration.ofSeconds(60), "health_check.sh", "http://127.0.0.1", String.valueOf(port));
        Scripts.assertExit(anonymous, 3);
        assertThat(anonymous.output()).contains("credentials required");

        Scripts.Result result = Scripts.run(
                Map.of("API_KEY", apiKey),
                Duration.ofSeconds(60),
                "health_check.sh",
                "http://127.0.0.1",
                String.valueOf(port));

        Scripts.assertExit(result, 0);
        assertThat(result.output()).doesNotContain(apiKey);
        assertThat(result.output())
                .contains("OK    /health", "OK    /metrics/prometheus", "OK    /upload/supported-formats", "HEALTHY");
    }

    @Test
    @Order(2)
    void healthCheckFailsAgainstADeadPort() throws Exception {
        Scripts.Result result = Scripts.run(
                Map.of("MAX_RETRIES", "2", "RETRY_DELAY", "0"),
                Duration.ofSeconds(60),
                "health_check.sh",
                "http://127.0.0.1",
                String.valueOf(Scripts.freePort()));

        Scripts.assertExit(result, 1);
        assertThat(result.output()).contains("no answer (service down", "UNHEALTHY");
    }

    @Test
    @Order(3)
    void statusAndTheNativeServiceCheckSeeTheService() throws Exception {
        Scripts.assertExit(Scripts.run(service, Duration.ofSeconds(30), "startup.sh", "status"), 0);
        Scripts.Result api = Scripts.run(
                Map.of("HEALTH_MODE", "native", "API_URL", "http://127.0.0.1:" + port),
                Duration.ofSeconds(30),
                "docker_health_check.sh",
                "api");
        Scripts.assertExit(api, 0);
        assertThat(api.output()).contains("OK    api", "gpu_available=");
        Scripts.assertExit(Scripts.run(heal(), Duration.ofSeconds(30), "auto-heal.sh", "check"), 0);
    }

    @Test
    @Order(4)
    void backupWipeAndRestoreGiveTheSameIdentifyAnswers() throws Exception {
        String gallery = curlJson(
                        "-H", "Content-Type: application/json", "-d", "{\"name\":\"ops\"}", url("/api/v1/galleries"))
                .path("id")
                .asString();
        String person = curlJson(
                        "-H",
                        "Content-Type: application/json",
                        "-d",
                        "{\"name\":\"Colin\",\"galleryId\":\"" + gallery + "\"}",
                        url("/api/v1/persons"))
                .path("id")
                .asString();
        curlJson(
                "-F",
                "image=@" + photo("Colin_Powell/Colin_Powell_0001.jpg"),
                url("/api/v1/persons/" + person + "/faces"));
        JsonNode before = identify(gallery);
        assertThat(before.path(0).path("match").path("personId").asString()).isEqualTo(person);

        Map<String, String> backups = new HashMap<>(service);
        backups.put("BACKUP_DIR", work.resolve("backups").toString());
        Scripts.Result backup = Scripts.run(backups, Duration.ofSeconds(120), "backup.sh");
        Scripts.assertExit(backup, 0);
        assertThat(backup.output()).contains("database: pg_dump", "images: 1 files");
        Path saved;
        try (var listing = Files.list(work.resolve("backups"))) {
            saved = listing.findFirst().orElseThrow();
        }
        assertThat(Scripts.run(backups, Duration.ofSeconds(30), "restore.sh", saved.toString(), "--yes")
                        .output())
                .as("restore refuses while the service runs")
                .contains("the service is running");

        Scripts.assertExit(Scripts.run(service, Duration.ofSeconds(60), "startup.sh", "stop"), 0);
        postgres("drop database " + database + " with (force)");
        deleteTree(work.resolve("data/images"));
        Scripts.Result restore = Scripts.run(backups, Duration.ofSeconds(120), "restore.sh", saved.toString(), "--yes");
        Scripts.assertExit(restore, 0);
        assertThat(restore.output()).contains("does not exist: creating it", "images: 1 files restored");
        Scripts.assertExit(Scripts.run(service, START_LIMIT, "startup.sh", "start"), 0);

        assertThat(identify(gallery)).as("identify after the restore").isEqualTo(before);
    }

    @Test
    @Order(5)
    void autoHealBringsTheServiceBackAfterSigkill() throws Exception {
        Path monitorLog = work.resolve("auto-heal.log");
        monitor = Scripts.start(heal(), work.resolve("monitor.out"), "auto-heal.sh", "monitor");
        awaitLine(monitorLog, "monitoring http://", Duration.ofSeconds(10));
        long killed = pid();

        ProcessHandle victim = ProcessHandle.of(killed).orElseThrow();
        assertThat(victim.destroyForcibly()).isTrue();
        victim.onExit().get(10, TimeUnit.SECONDS);
        long died = System.nanoTime();
        awaitReady(died, monitorLog);
        double recovery = seconds(System.nanoTime() - died);
        System.out.printf("auto-heal.sh: ready again %.1f s after SIGKILL (target under 30 s)%n", recovery);

        assertThat(recovery).isLessThan(RECOVERY_BOUND.toSeconds());
        assertThat(pid()).isNotEqualTo(killed);
        // The service answers a moment before the monitor's restart returns and is counted.
        awaitLine(monitorLog, "restarted in", Duration.ofSeconds(10));
        monitor.destroy(); // SIGTERM: the monitor writes its statistics and exits 0
        assertThat(monitor.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(monitor.exitValue()).isZero();
        assertThat(Files.readString(monitorLog))
                .contains("service dead", "restarted in", "restarts 1,", "failed restarts 0", "monitor stopped");
    }

    @Test
    @Order(6)
    void autoHealRestartsAServiceThatStoppedAnswering() throws Exception {
        Path monitorLog = work.resolve("auto-heal-hung.log");
        var settings = heal();
        // Probes give up after 2 s: a live answer takes milliseconds, so a hang is told from a slow answer.
        settings.put("TIMEOUT", "2");
        settings.put("LOG_FILE", monitorLog.toString());
        monitor = Scripts.start(settings, work.resolve("monitor-hung.out"), "auto-heal.sh", "monitor");
        awaitLine(monitorLog, "monitoring http://", Duration.ofSeconds(10));
        long frozen = pid();

        // SIGSTOP: the process and its port stay, but nothing answers, as in a deadlock or a long GC stall.
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(frozen)).start();
        assertThat(stop.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stop.exitValue()).isZero();
        long hung = System.nanoTime();
        // The old process answers again for a moment once the monitor lets it run to shut down: wait for the new one.
        awaitNewProcess(frozen, hung, monitorLog);
        awaitReady(hung, monitorLog);
        double recovery = seconds(System.nanoTime() - hung);
        System.out.printf("auto-heal.sh: ready again %.1f s after SIGSTOP (target under 30 s)%n", recovery);

        assertThat(recovery).isLessThan(RECOVERY_BOUND.toSeconds());
        assertThat(pid()).isNotEqualTo(frozen);
        assertThat(ProcessHandle.of(frozen).map(ProcessHandle::isAlive).orElse(false))
                .as("the hung process is gone")
                .isFalse();
        awaitLine(monitorLog, "restarted in", Duration.ofSeconds(10));
        monitor.destroy();
        assertThat(monitor.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(monitorLog))
                .contains(
                        "service hung: pid " + frozen + " gives no live answer after 2 tries",
                        "SIGKILL after 5s",
                        "was stopped (state T): sending SIGCONT",
                        "restarts 1,");
    }

    @Test
    @Order(7)
    void stopStopsTheServiceAndFreesThePort() throws Exception {
        long running = pid();
        Scripts.assertExit(Scripts.run(service, Duration.ofSeconds(60), "startup.sh", "stop"), 0);

        // Gone, or an exited process its new parent has not reaped yet: onExit completes once it is reaped.
        ProcessHandle.of(running)
                .ifPresent(process ->
                        process.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertThat(Scripts.tcpOpen(port)).as("port %d after stop", port).isFalse();
        assertThat(Scripts.run(service, Duration.ofSeconds(30), "startup.sh", "status")
                        .exitCode())
                .isEqualTo(1);
        Scripts.assertExit(Scripts.run(heal(), Duration.ofSeconds(30), "auto-heal.sh", "check"), 1);
        Scripts.Result healthCheck = Scripts.run(
                Map.of("MAX_RETRIES", "1"), Duration.ofSeconds(30), "health_check.sh", "http://127.0.0.1:" + port);
        Scripts.assertExit(healthCheck, 1);
    }

    /** The monitor's settings: quick checks, so that the test measures the restart rather than the wait. */
    private static Map<String, String> heal() {
        var settings = new HashMap<>(service);
        settings.putAll(Map.of(
                "CHECK_INTERVAL", "2",
                "MAX_RETRIES", "2",
                "RETRY_DELAY", "1",
                "LOG_FILE", work.resolve("auto-heal.log").toString(),
                "START_TIMEOUT", "120"));
        return settings;
    }

    private static JsonNode identify(String gallery) throws Exception {
        return curlJson(
                        "-F",
                        "image=@" + photo("Colin_Powell/Colin_Powell_0002.jpg"),
                        "-F",
                        "galleryId=" + gallery,
                        url("/api/v1/identify"))
                .path("faces");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Path photo(String relative) {
        return Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images", relative);
    }

    /** The way an operator populates the service: curl, failing on any HTTP error status. */
    private static JsonNode curlJson(String... arguments) throws Exception {
        var command = new ArrayList<>(List.of(
                "curl",
                "--silent",
                "--show-error",
                "--fail-with-body",
                "--max-time",
                "30",
                "-H",
                "X-API-Key: " + apiKey));
        command.addAll(List.of(arguments));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(40, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as("%s: %s", command, body).isZero();
        return JSON.readTree(body);
    }

    private static void postgres(String sql) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static long pid() throws Exception {
        return Long.parseLong(Files.readString(work.resolve("logs/facerec.pid")).strip());
    }

    private static void awaitNewProcess(long old, long since, Path monitorLog) throws Exception {
        while (System.nanoTime() - since < RECOVERY_BOUND.toNanos()) {
            try {
                if (pid() != old) {
                    return;
                }
            } catch (java.nio.file.NoSuchFileException | NumberFormatException between) {
                // The PID file is rewritten by the restart.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no new process within " + RECOVERY_BOUND + " of the failure; monitor log:\n"
                + Files.readString(monitorLog));
    }

    private static void awaitReady(long since, Path monitorLog) throws Exception {
        var http = TestHttp.anonymous(port);
        while (System.nanoTime() - since < RECOVERY_BOUND.toNanos()) {
            try {
                if (http.getText("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException refused) {
                // Not listening yet: the restart is still under way.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready within " + RECOVERY_BOUND + " of the failure; monitor log:\n"
                + Files.readString(monitorLog));
    }

    private static void awaitLine(Path file, String text, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(file + " did not show '" + text + "' within " + limit);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
