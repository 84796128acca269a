package dev.facerec.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the operator scripts of the checkout as an operator would: a process, its environment, its exit status. */
final class Scripts {
    /** Settings that would point a script away from the throwaway service when the test machine has them. */
    private static final List<String> CLEARED = List.of(
            "API_URL",
            "API_KEY",
            "DATABASE_HOST",
            "REDIS_HOST",
            "S3_ENDPOINT",
            "SERVER_PORT",
            "PID_FILE",
            "LOG_DIR",
            "LOG_FILE",
            "JAVA_OPTS",
            "FACEREC_HOME");

    static final Path REPOSITORY = repository();

    private Scripts() {}

    record Result(int exitCode, String output) {}

    /** Runs {@code scripts/<script>} with {@code arguments}, the settings in {@code environment}, within {@code limit}. */
    static Result run(Map<String, String> environment, Duration limit, String script, String... arguments)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("facerec-script", ".out");
        try {
            Process process = start(environment, output, script, arguments);
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish within " + limit + ":\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Starts {@code scripts/<script>} without waiting; its output goes to {@code output}. */
    static Process start(Map<String, String> environment, Path output, String script, String... arguments)
            throws IOException {
        var command = new java.util.ArrayList<String>();
        command.add(REPOSITORY.resolve("scripts").resolve(script).toString());
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command)
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> processEnvironment = builder.environment();
        CLEARED.forEach(processEnvironment::remove);
        processEnvironment.put("JAVA_HOME", System.getProperty("java.home"));
        processEnvironment.putAll(environment);
        return builder.start();
    }

    /**
     * The settings replicas of one test share: development mode with the test administrator, secrets set rather than
     * generated (a token signed by one process must be accepted by the next, or by a restarted one), the models, a
     * data folder, the throwaway PostgreSQL database {@code database}, and rate limits out of the way (every request
     * comes from 127.0.0.1 here; the limits are for real clients).
     */
    static java.util.HashMap<String, String> replicaSettings(String models, Path data, String database) {
        var settings = new java.util.HashMap<String, String>();
        settings.put("FACEREC_ENV", "development");
        settings.put("FACEREC_ADMIN_USERNAME", dev.facerec.api.TestHttp.ADMIN);
        settings.put("FACEREC_ADMIN_PASSWORD", dev.facerec.api.TestHttp.ADMIN_PASSWORD);
        settings.put("JWT_SECRET_KEY", randomSecret());
        settings.put("ENCRYPTION_KEY", randomSecret());
        settings.put("FACE_MODELS_DIR", models);
        settings.put("FACEREC_DATA_DIR", data.toString());
        settings.put("DATABASE_HOST", "127.0.0.1");
        settings.put("DATABASE_PORT", "5432");
        settings.put("DATABASE_NAME", database);
        settings.put("DATABASE_USER", "postgres");
        settings.put("RATE_LIMIT_PER_MINUTE", "1000000");
        settings.put("RATE_LIMIT_PER_ADDRESS_PER_MINUTE", "1000000");
        return settings;
    }

    /** A random 48-byte secret, Base64: for JWT_SECRET_KEY and ENCRYPTION_KEY shared by replicas of one test. */
    static String randomSecret() {
        byte[] bytes = new byte[48];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /** Runs one statement on this machine's PostgreSQL as postgres (creating and dropping throwaway databases). */
    static void postgres(String sql) throws java.sql.SQLException {
        try (var connection = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean tcpOpen(int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** The checkout: failsafe runs in the api module, whose parent holds scripts/. */
    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
            if (Files.isExecutable(candidate.resolve("scripts/startup.sh"))) {
                return candidate;
            }
        }
        throw new AssertionError("no scripts/startup.sh above " + here);
    }

    static void assertExit(Result result, int expected) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(expected);
    }
}
