package dev.facerec.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator scripts against the real service: startup.sh builds its start-up cache and starts
 * api/target/facerec.jar (built by package, before failsafe runs) on a free port with the embedded database in a
 * throwaway folder and the shared models;
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

    private static int port;
    private static Map<String, String> service;
    private static Process monitor;

    @BeforeAll
    static void startTheServiceWithStartupSh() throws Exception {
        Path jar = Scripts.REPOSITORY.resolve("api/target/facerec.jar");
        assertThat(jar).as("the jar that package builds").exists();
        String models = System.getProperty("facerec.models.dir");
        assertThat(models)
                .as("system property facerec.models.dir (the shared models)")
                .isNotNull();
        port = Scripts.freePort();
        service = Map.of(
                "SERVER_PORT", String.valueOf(port),
                "JAR", jar.toString(),
                "FACE_MODELS_DIR", models,
                "FACEREC_DATA_DIR", work.resolve("data").toString(),
                "LOG_DIR", work.resolve("logs").toString(),
                "JAVA_OPTS", "-Xmx1g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector",
                "STOP_GRACE", "20");

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
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (monitor != null && monitor.isAlive()) {
            monitor.destroyForcibly();
        }
        Scripts.run(service, Duration.ofSeconds(60), "startup.sh", "stop");
    }

    @Test
    @Order(1)
    void healthCheckPassesAgainstTheRunningService() throws Exception {
        Scripts.Result result = Scripts.run(
                Map.of(), Duration.ofSeconds(60), "health_check.sh", "http://127.0.0.1", String.valueOf(port));

        Scripts.assertExit(result, 0);
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
    void autoHealBringsTheServiceBackAfterSigkill() throws Exception {
        Path monitorLog = work.resolve("auto-heal.log");
        monitor = Scripts.start(heal(), work.resolve("monitor.out"), "auto-heal.sh", "monitor");
        awaitLine(monitorLog, "monitoring http://", Duration.ofSeconds(10));
        long killed = pid();

        ProcessHandle victim = ProcessHandle.of(killed).orElseThrow();
        assertThat(victim.destroyForcibly()).isTrue();
        victim.onExit().get(10, TimeUnit.SECONDS);
        long died = System.nanoTime();
        awaitReady(died);
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
    @Order(5)
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

    private static long pid() throws Exception {
        return Long.parseLong(Files.readString(work.resolve("logs/facerec.pid")).strip());
    }

    private static void awaitReady(long since) throws Exception {
        var http = new TestHttp(port);
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
        throw new AssertionError("not ready within " + RECOVERY_BOUND + " of the SIGKILL; monitor log:\n"
                + Files.readString(work.resolve("auto-heal.log")));
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
