package dev.facerec.api.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the real service: api/target/facerec.jar as a process with its own API and management ports and
 * the settings it shares with the other replicas (database, Redis, image folder, secrets). It can be killed and
 * started again on the same ports, as a supervisor would.
 */
final class Replica {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final int managementPort;
    private final Map<String, String> shared;
    private final Path log;
    private Process process;

    Replica(String name, Map<String, String> shared, Path log) {
        this.name = name;
        this.port = Scripts.freePort();
        this.managementPort = Scripts.freePort();
        this.shared = shared;
        this.log = log;
    }

    /** Starts the jar without waiting for it; its output is appended to its log. */
    void start() throws IOException {
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Lean: three of these share a small machine with the build.
                "-Xmx768m",
                "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "--add-modules",
                "jdk.incubator.vector",
                "-jar",
                Scripts.REPOSITORY.resolve("api/target/facerec.jar").toString());
        var builder = new ProcessBuilder(command)
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment
                .keySet()
                .removeIf(variable -> variable.startsWith("LOG")
                        || variable.startsWith("DATABASE_")
                        || variable.startsWith("REDIS_")
                        || variable.startsWith("S3_")
                        || variable.startsWith("JWT_")
                        || variable.startsWith("ENCRYPTION_")
                        || variable.startsWith("FACEREC_")
                        || variable.startsWith("WEBHOOK")
                        || variable.startsWith("SERVER_")
                        || variable.startsWith("MANAGEMENT_"));
        environment.putAll(shared);
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        process = builder.start();
    }

    /** Waits until /health/ready answers 200 on the replica's own port. */
    void awaitReady(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            if (ready()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not ready within " + limit + ":\n" + tail());
    }

    private boolean ready() throws InterruptedException {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return HTTP.send(request, BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGKILL, as the kernel's out-of-memory killer would; returns once the process is gone. */
    void kill() throws Exception {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }

    /** SIGTERM, then SIGKILL after a grace period; also its children, if any. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    long pid() {
        return process.pid();
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
