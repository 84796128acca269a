package dev.facerec.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's headless Chromium driven through its own ChromeDriver, for the console's browser tests: waits, a
 * screenshot and an axe-core run for every screen visited. Both binaries are named explicitly so that Selenium
 * Manager never looks for (or downloads) a browser of its own; scripts/ensure-browser.sh installs them and axe-core.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // Failsafe runs in the api module's folder; the test driver lives beside the console it checks.
    static final Path AXE = Path.of("../console/src/test/browser/node_modules/axe-core/axe.min.js")
            .toAbsolutePath()
            .normalize();
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STRAY = Pattern.compile("null|undefined|NaN|\\[object Object]");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final String test;
    private final List<String> violations = new ArrayList<>();
    private final List<String> console = new ArrayList<>();
    private final List<String> stray = new ArrayList<>();

    private Browser(ChromeDriver driver, String baseUrl, String test) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.test = test;
    }

    /** What is missing for the browser tests, and how to get it; empty where everything is there. */
    static Optional<String> missing() {
        List<String> missing = new ArrayList<>();
        for (Path path : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(path)) {
                missing.add(path.toString());
            }
        }
        if (!Files.isRegularFile(AXE)) {
            missing.add(AXE.toString());
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of("The console's browser tests need " + String.join(", ", missing)
                        + ": run scripts/ensure-browser.sh");
    }

    /** Whether a missing browser fails the tests instead of skipping them (CI sets it). */
    static boolean required() {
        return "1".equals(System.getenv("FACEREC_REQUIRE_BROWSER"));
    }

    /**
     * Skips a test class where the browser or axe-core is missing, with the reason in the test report, before its
     * Spring context starts; where {@code FACEREC_REQUIRE_BROWSER=1} the class runs, and {@link #assertInstalled}
     * fails it.
     */
    static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return missing()
                    .filter(reason -> !required())
                    .map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("Chromium, ChromeDriver and axe-core found"));
        }
    }

    static void assertInstalled() {
        missing().ifPresent(reason -> {
            throw new AssertionError(reason + " (FACEREC_REQUIRE_BROWSER=1 forbids skipping)");
        });
    }

    /**
     * A fresh browser (its own profile: no state shared between tests) on the console at {@code baseUrl}; with a
     * {@code camera} file (MJPEG) the page's getUserMedia gets that video, without any permission prompt.
     */
    static Browser open(String baseUrl, String test, Path camera) {
        // Selenium's own logging of CDP version mismatches and retries would drown the test output.
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The page's console messages, where Chromium reports what the Content-Security-Policy refused.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--lang=en-US",
                "--no-first-run",
                "--no-default-browser-check");
        if (camera != null) {
            options.addArguments(
                    "--use-fake-ui-for-media-stream",
                    "--use-fake-device-for-media-stream",
                    "--use-file-for-fake-video-capture=" + camera.toAbsolutePath());
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new Browser(driver, baseUrl, test);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Loads the console at {@code route} (a hash route such as {@code #/galleries}, or empty). */
    void load(String route) {
        driver.get(baseUrl + "/" + route);
    }

    /** Loads the page again, as the browser's reload button does: everything held in the page's memory is gone. */
    void reload() {
        driver.navigate().refresh();
    }

    /** Follows a hash route inside the running console, keeping its in-memory sign-in. */
    void go(String route) {
        script("window.location.hash = arguments[0];", route);
    }

    WebElement find(By by) {
        return until(by + " on the page", ExpectedConditions.presenceOfElementLocated(by));
    }

    WebElement visible(By by) {
        return until(by + " visible", ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(By by) {
        return until(by + " clickable", ExpectedConditions.elementToBeClickable(by));
    }

    void click(By by) {
        clickable(by).click();
    }

    void type(By by, String text) {
        WebElement field = visible(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Gives a file input a file, as the file picker would. */
    void upload(By input, Path file) {
        find(input).sendKeys(file.toAbsolutePath().toString());
    }

    /** Waits until the element's visible text contains {@code text}, then returns the whole text. */
    String awaitText(By by, String text) {
        until("\"" + text + "\" in " + by, ExpectedConditions.textToBePresentInElementLocated(by, text));
        return find(by).getText();
    }

    /** Waits until {@code condition} gives something other than null or false, and returns that. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(() -> "waiting for " + what + "; the page shows: " + bodyText())
                .until(condition);
    }

    /** What a failed wait reports: the page's text, where it is, and what the page wrote to its console. */
    String bodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText() + "\n(at " + driver.getCurrentUrl() + "; console: "
                    + consoleMessages() + ")";
        } catch (RuntimeException unreadable) {
            return "(unreadable: " + unreadable.getMessage() + ")";
        }
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Signs in through the sign-in screen and waits for the signed-in navigation. */
    void signIn(String username, String password) {
        load("");
        screen("sign-in");
        type(By.id("username"), username);
        type(By.id("password"), password);
        click(By.id("sign-in-submit"));
        awaitText(By.id("whoami"), username);
    }

    /**
     * Waits for the screen's root ({@code section#screen-<name>}), then saves its screenshot and runs axe-core on
     * it. {@code shot} names the picture where one screen is shown in several states.
     */
    void screen(String name, String shot) {
        visible(By.id("screen-" + name));
        screenshot(shot);
        accessibility(shot);
        strayText(shot);
    }

    void screen(String name) {
        screen(name, name);
    }

    /** The whole page as a PNG under target/console-screenshots/&lt;test&gt;-&lt;shot&gt;.png. */
    Path screenshot(String shot) {
        Path file = SCREENSHOTS.resolve(test + "-" + shot + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, fullPage());
        } catch (IOException failed) {
            throw new IllegalStateException("cannot save " + file, failed);
        }
        return file;
    }

    private byte[] fullPage() {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics =
                    (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
            // The page as laid out (a phone's width included), cut at a length no screen of the console reaches.
            double width = ((Number) content.get("width")).doubleValue();
            double height = Math.min(6000, ((Number) content.get("height")).doubleValue());
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
            Map<String, Object> shot = driver.executeCdpCommand(
                    "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            return Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException cdpRefused) {
            return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        }
    }

    /**
     * Runs axe-core on the page as it is and records every serious or critical violation (rule, help, the nodes'
     * selectors); {@link #assertScreensClean} fails on them, so that one run reports every screen's findings.
     */
    void accessibility(String shot) {
        try {
            if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object';"))) {
                // Injected through the driver (CDP), which the page's Content-Security-Policy does not govern.
                script(Files.readString(AXE));
            }
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot read " + AXE, unreadable);
        }
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        window.axe.run(document, {resultTypes: ['violations']})
                            .then(result => done(JSON.stringify(result.violations)))
                            .catch(error => done(JSON.stringify({error: String(error)})));
                        """);
        JsonNode result = JSON.readTree(String.valueOf(answer));
        assertThat(result.has("error"))
                .as("axe-core failed on %s: %s", shot, result)
                .isFalse();
        for (JsonNode violation : result) {
            String impact = violation.path("impact").asString();
            if (!"serious".equals(impact) && !"critical".equals(impact)) {
                continue;
            }
            List<String> targets = new ArrayList<>();
            for (JsonNode node : violation.path("nodes")) {
                targets.add(node.path("target").toString());
            }
            String finding = shot + ": " + impact + " " + violation.path("id").asString() + " ("
                    + violation.path("help").asString() + ") at " + String.join(", ", targets);
            System.out.println("axe-core " + test + " " + finding);
            violations.add(finding);
        }
    }

    /**
     * Records lines of the screen that are a JavaScript value printed by mistake ({@code null}, {@code undefined},
     * {@code NaN}, {@code [object Object]}): what a person would read as a broken page.
     */
    private void strayText(String shot) {
        String text = String.valueOf(script("return (document.getElementById('main') ?? document.body).innerText;"));
        for (String line : text.split("\n")) {
            if (STRAY.matcher(line.strip()).matches()) {
                String finding = shot + ": a line reading \"" + line.strip() + "\"";
                System.out.println("stray text " + test + " " + finding);
                stray.add(finding);
            }
        }
    }

    /** Fails on the axe-core violations and stray text found on any screen this browser showed. */
    void assertScreensClean() {
        assertThat(violations)
                .as("serious or critical axe-core violations on the screens of %s", test)
                .isEmpty();
        assertThat(stray)
                .as("JavaScript values shown as text on the screens of %s", test)
                .isEmpty();
    }

    /**
     * What the browser refused under the page's Content-Security-Policy since the last call (an inline style or
     * script, an eval, a source not allowed): the console must work within its own policy.
     */
    List<String> policyViolations() {
        return consoleMessages().stream()
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    /** Everything the page wrote to its console so far (Chromium hands each message out once; kept here). */
    List<String> consoleMessages() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
        return List.copyOf(console);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
