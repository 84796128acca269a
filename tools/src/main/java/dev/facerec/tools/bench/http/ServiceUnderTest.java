package dev.facerec.tools.bench.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The service jar started as {@code make run} starts it, for the benchmarks over HTTP: the embedded default (H2,
 * local image folder, in-process cache) in a fresh temporary data folder, the real models, the JVM options given
 * (those of {@code make run}), rate limits out of the way. The JVM writes its collections to a GC log beside the data,
 * so that a benchmark can read the heap left after each collection. Closing stops it and deletes the folder. Public for
 * the tools' tests that drive the service end to end (the CompreFace import's).
 */
public final class ServiceUnderTest implements AutoCloseable {
    /** What {@code make run} passes when JAVA_OPTS is not set. */
    public static final String MAKE_RUN_JAVA_OPTIONS =
            "--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector";

    private final Process process;
    private final Path work;
    private final int port;
    private final int managementPort;
    private final List<String> javaOptions;

    private ServiceUnderTest(Process process, Path work, int port, int managementPort, List<String> javaOptions) {
        this.process = process;
        this.work = work;
        this.port = port;
        this.managementPort = managementPort;
        this.javaOptions = javaOptions;
    }

    /**
     * Starts the jar and waits until {@code /health/ready} answers 200.
     *
     * @param javaOptions JVM options separated by spaces, as JAVA_OPTS
     * @param environment more environment for the service (it inherits this process's environment)
     */
    public static ServiceUnderTest start(String jar, String models, String javaOptions, Map<String, String> environment)
            throws Exception {
        requireNonNull(jar, "jar is null");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalArgumentException(jar + " does not exist: build it with make build");
        }
        Path work = Files.createTempDirectory("facerec-bench-http");
        List<String> options =
                javaOptions.isBlank() ? List.of() : List.of(javaOptions.strip().split("\\s+"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-Xlog:gc:file=" + work.resolve("gc.log"));
        command.add("-jar");
        command.add(jar);
        int port = freePort();
        int managementPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile());
        Map<String, String> env = new HashMap<>(Map.of(
                "SERVER_PORT",
                Integer.toString(port),
                "MANAGEMENT_PORT",
                Integer.toString(managementPort),
                "FACEREC_DATA_DIR",
                work.resolve("data").toString(),
                "FACE_MODELS_DIR",
                models,
                "FACEREC_ADMIN_PASSWORD",
                ServiceClient.ADMIN_PASSWORD,
                "RATE_LIMIT_PER_MINUTE",
                "1000000",
                "RATE_LIMIT_PER_ADDRESS_PER_MINUTE",
                "1000000"));
        env.putAll(environment);
        builder.environment().putAll(env);
        ServiceUnderTest service = new ServiceUnderTest(builder.start(), work, port, managementPort, options);
        try {
            service.awaitReady();
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** A client signed in as the first administrator. */
    public ServiceClient http() {
        return ServiceClient.administrator(port);
    }

    /** The HTTP port of the API. */
    public int port() {
        return port;
    }

    /** The management port's Prometheus text. */
    String metrics() throws IOException, InterruptedException {
        return ServiceClient.anonymous(managementPort)
                .getText("/actuator/prometheus")
                .body();
    }

    long pid() {
        return process.pid();
    }

    Path gcLog() {
        return work.resolve("gc.log");
    }

    /** The JVM options as given, without the GC log this class adds. */
    List<String> javaOptions() {
        return javaOptions;
    }

    private void awaitReady() throws Exception {
        ServiceClient http = ServiceClient.anonymous(port);
        Path log = work.resolve("service.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the service exited with " + process.exitValue() + "; its log:\n" + Files.readString(log));
            }
            try {
                if (http.getText("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within 180 s; its log:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
