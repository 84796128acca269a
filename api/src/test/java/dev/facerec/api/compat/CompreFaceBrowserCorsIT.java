package dev.facerec.api.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * CORS as a real browser enforces it, for CompreFace's JavaScript SDK in a web page: headless Chromium loads a page
 * from a second origin that calls the detection service with an API key (a JSON base64 body and {@code x-api-key},
 * so the browser sends a preflight first). From the origin the operator named, the call is answered; from any other
 * origin, the browser blocks it. Skipped without Chromium unless {@code FACEREC_REQUIRE_BROWSER=1} (CI).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "facerec.ml.models-dir=${facerec.models.dir}")
class CompreFaceBrowserCorsIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    /** Two web servers of the page: one on the named origin, one on another. */
    private static final HttpServer ALLOWED = page();

    private static final HttpServer OTHER = page();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
        registry.add("facerec.compat.cors-allowed-origins", () -> origin(ALLOWED));
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopPages() {
        ALLOWED.stop(0);
        OTHER.stop(0);
    }

    @Test
    void theBrowserCallsFromTheNamedOriginOnlyWithAKey() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"1".equals(System.getenv("FACEREC_REQUIRE_BROWSER"))) {
            assumeTrue(installed, "Chromium and ChromeDriver are needed: run scripts/ensure-browser.sh");
        }
        assertThat(installed)
                .as("Chromium and ChromeDriver (FACEREC_REQUIRE_BROWSER=1)")
                .isTrue();
        HttpResponse<String> created =
                new TestHttp(port).postJson("/api/v1/api-keys", "{\"name\":\"web page\",\"role\":\"VIEWER\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = JSON.readTree(created.body()).get("key").asString();
        String photo = Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of(
                        System.getProperty("facerec.data.dir"),
                        "lfw-dev/images/Abdoulaye_Wade/Abdoulaye_Wade_0001.jpg")));

        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run");
        ChromeDriver driver = new ChromeDriver(options);
        driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(30));
        try {
            assertThat(call(driver, ALLOWED, key, photo))
                    .as("from the named origin")
                    .startsWith("200 ");
            assertThat(call(driver, ALLOWED, key, photo)).contains("\"box\"");
            assertThat(call(driver, OTHER, key, photo))
                    .as("from another origin")
                    .startsWith("blocked");
        } finally {
            driver.quit();
        }
    }

    /** Loads the page of {@code server} and runs its call to the service; what the page saw. */
    private String call(ChromeDriver driver, HttpServer server, String key, String photo) {
        driver.get(origin(server) + "/");
        Object answer =
                driver.executeAsyncScript("""
                const [url, key, photo, done] = arguments;
                fetch(url, {method: 'POST', credentials: 'omit',
                        headers: {'x-api-key': key, 'Content-Type': 'application/json'},
                        body: JSON.stringify({file: photo})})
                    .then(async r => done(r.status + ' ' + await r.text()))
                    .catch(e => done('blocked: ' + e));
                """, "http://localhost:" + port + "/api/v1/detection/detect", key, photo);
        return String.valueOf(answer);
    }

    private static HttpServer page() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] html = "<!doctype html><title>camera dashboard</title>".getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, html.length);
                exchange.getResponseBody().write(html);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
