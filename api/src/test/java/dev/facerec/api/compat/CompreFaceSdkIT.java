package dev.facerec.api.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CompreFace's own JavaScript SDK ({@code @exadel/compreface-js-sdk} 1.0.0, installed unmodified by
 * scripts/ensure-test-drivers.sh) run by Node against the real service: every SDK method on real photos
 * (src/test/compreface-sdk/suite.mjs checks the answers). Fails with the suite's report, one JSON line per check.
 * Skipped where Node or the SDK is missing, unless {@code FACEREC_REQUIRE_BROWSER=1} (CI) makes that a failure.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.ml.models-dir=${facerec.models.dir}"})
@ExtendWith(CompreFaceSdkIT.Installed.class)
class CompreFaceSdkIT {
    // Failsafe runs in the api module's folder.
    static final Path SDK_DIR = Path.of("src/test/compreface-sdk").toAbsolutePath();
    static final Path SUITE = SDK_DIR.resolve("suite.mjs");
    // Written by scripts/ensure-test-drivers.sh once the tarball's SHA-256 matched the pin.
    static final Path VERIFIED = SDK_DIR.resolve("node_modules/.facerec-verified");
    static final Path REPORT = Path.of("target/compreface-sdk-report.jsonl");
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
    void everySdkMethodAgainstTheService() throws Exception {
        missing().ifPresent(reason -> {
            throw new AssertionError(reason + " (FACEREC_REQUIRE_BROWSER=1 forbids skipping)");
        });
        TestHttp admin = new TestHttp(port);
        CompatKeys keys = new CompatKeys(admin);
        String gallery = keys.gallery("compreface-sdk");

        Path stderr = Files.createTempFile("compreface-sdk", ".stderr");
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        ProcessBuilder node = new ProcessBuilder(node().orElseThrow().toString(), SUITE.toString())
                .directory(SDK_DIR.toFile())
                .redirectOutput(REPORT.toFile())
                .redirectError(stderr.toFile());
        // Keys travel in the environment, never on a command line that ps shows.
        node.environment()
                .putAll(Map.of(
                        "COMPREFACE_URL", "http://localhost:" + port,
                        "COMPREFACE_RECOGNITION_KEY", keys.key("sdk-recognition", "OPERATOR", gallery),
                        "COMPREFACE_DETECTION_KEY", keys.key("sdk-detection", "VIEWER", null),
                        "COMPREFACE_VERIFICATION_KEY", keys.key("sdk-verification", "VIEWER", null),
                        "FACEREC_DATA_DIR", System.getProperty("facerec.data.dir")));
        Process suite = node.start();
        boolean finished = suite.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            suite.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(REPORT, UTF_8);
        String errors = Files.readString(stderr, UTF_8);
        Files.delete(stderr);
        List<String> failures = new ArrayList<>();
        JsonNode summary = null;
        for (String line : lines) {
            JsonNode check = JSON.readTree(line);
            if (check.has("summary")) {
                summary = check.path("summary");
            } else if (!check.path("ok").asBoolean()) {
                failures.add(line);
            }
        }
        String report = "failed checks of the CompreFace SDK suite (" + REPORT.toAbsolutePath() + "):\n"
                + String.join("\n", failures) + "\nstderr:\n" + errors;
        assertThat(finished).as("the suite ran past 10 minutes\n%s", report).isTrue();
        assertThat(failures).as(report).isEmpty();
        assertThat(summary)
                .as("no summary line: the suite stopped early\n%s", report)
                .isNotNull();
        assertThat(summary.path("checks").asInt()).as("checks run").isGreaterThanOrEqualTo(50);
        assertThat(suite.exitValue()).as(report).isZero();
    }

    /** Node on the PATH, if there is one. */
    static Optional<Path> node() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, "node"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** What is missing for the SDK suite, and how to get it; empty where everything is there. */
    static Optional<String> missing() {
        List<String> missing = new ArrayList<>();
        if (node().isEmpty()) {
            missing.add("node on the PATH");
        }
        if (!Files.isRegularFile(VERIFIED)) {
            missing.add(VERIFIED + " (a verified install of @exadel/compreface-js-sdk)");
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of("The CompreFace SDK suite needs " + String.join(", ", missing)
                        + ": run scripts/ensure-test-drivers.sh");
    }

    /**
     * Skips the class where Node or the SDK is missing, with the reason in the report, before its Spring context
     * starts; where {@code FACEREC_REQUIRE_BROWSER=1} the class runs and fails on what is missing.
     */
    static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return missing()
                    .filter(reason -> !"1".equals(System.getenv("FACEREC_REQUIRE_BROWSER")))
                    .map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("Node and the CompreFace SDK found"));
        }
    }
}
