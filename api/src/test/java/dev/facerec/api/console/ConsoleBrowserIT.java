package dev.facerec.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web console in headless Chromium against the real service: the real models, real LFW photos, the embedded
 * database in a throwaway data folder. Each test signs in through the sign-in screen, works only through the
 * pages, reads its outcome from the page, and runs axe-core on every screen it shows (screenshots under
 * target/console-screenshots). Skipped where Chromium or axe-core is missing (scripts/ensure-browser.sh), except
 * under FACEREC_REQUIRE_BROWSER=1.
 */
@ExtendWith(Browser.Installed.class)
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.ml.models-dir=${facerec.models.dir}"})
class ConsoleBrowserIT {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @TempDir
    Path photos;

    private String test;
    private Browser browser;

    @BeforeAll
    static void browserInstalled() {
        Browser.assertInstalled();
    }

    @BeforeEach
    void name(TestInfo info) {
        test = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            // The page as the test left it: on a failure, what it was waiting on.
            browser.screenshot("last");
            browser.close();
        }
    }

    private Browser open(Path camera) {
        browser = Browser.open("http://localhost:" + port, test, camera);
        return browser;
    }

    @Test
    void strictPolicyAndTokensInMemoryOnly() throws Exception {
        HttpResponse<Void> page = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        BodyHandlers.discarding());
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow(() -> new AssertionError("no Content-Security-Policy on / (headers: "
                        + page.headers().map() + ")"));
        assertThat(policy)
                .doesNotContain("'unsafe-inline'")
                .doesNotContain("'unsafe-eval'")
                .contains("frame-ancestors 'none'");

        Browser browser = open(null);
        browser.load("");
        browser.screen("sign-in");
        browser.type(By.id("username"), TestHttp.ADMIN);
        browser.type(By.id("password"), "not-the-password");
        browser.click(By.id("sign-in-submit"));
        browser.visible(By.cssSelector("#screen-sign-in .problem"));
        browser.screen("sign-in", "sign-in-refused");

        browser.signIn(TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        browser.visible(By.cssSelector("#overview-health table"));
        browser.screen("overview");
        assertThat(browser.find(By.id("whoami")).getText()).isEqualTo("admin · ADMIN");
        @SuppressWarnings("unchecked")
        Map<String, Object> kept = (Map<String, Object>) browser.script("""
                return {
                    local: localStorage.length, session: sessionStorage.length,
                    cookie: document.cookie, url: location.href
                };
                """);
        assertThat(kept)
                .as("nothing of the sign-in kept outside the page's memory")
                .containsEntry("local", 0L)
                .containsEntry("session", 0L)
                .containsEntry("cookie", "");
        assertThat((String) kept.get("url")).doesNotContainIgnoringCase("token").doesNotContain("eyJ");

        browser.go("#/account");
        browser.screen("account");
        browser.reload();
        browser.screen("sign-in", "sign-in-after-reload");
        assertThat(browser.policyViolations()).isEmpty();
        browser.assertScreensClean();
    }

    @Test
    void enrolThreePeopleIdentifyAGroupAndErase() {
        Browser browser = open(null);
        browser.signIn(TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        String gallery = createGallery("Staff");

        createPerson("Colin Powell");
        browser.screen("person", "person-new");
        enrol(Photos.lfw("Colin_Powell", 1));
        browser.visible(By.cssSelector("#faces img.face-thumb"));
        browser.screen("person", "person-enrolled");

        browser.go("#/galleries/" + gallery);
        createPerson("Tony Blair");
        enrol(Photos.lfw("Tony_Blair", 1));

        // Hugo Chavez from a group photo: he stands left of a stranger; the console asks which face to enrol.
        browser.go("#/galleries/" + gallery);
        String hugo = createPerson("Hugo Chavez");
        Path pair = Photos.group(
                photos, "hugo-and-stranger.jpg", List.of(Photos.lfw("Hugo_Chavez", 1), Photos.lfw("Laura_Bush", 1)));
        browser.upload(By.id("enrol-file"), pair);
        List<WebElement> choices = faceChoices();
        assertThat(choices).as("a button per face of the pair").hasSize(2);
        browser.screen("person", "person-choose-face");
        choices.stream()
                .min(Comparator.comparingInt(choice -> choice.getRect().getX()))
                .orElseThrow()
                .click();
        browser.awaitText(By.id("enrol-outcome"), "Enrolled");
        browser.visible(By.cssSelector("#faces img.face-thumb"));

        // Other photos of the three, left to right, and someone never enrolled.
        Path group = Photos.group(
                photos,
                "group.jpg",
                List.of(
                        Photos.lfw("Tony_Blair", 2),
                        Photos.lfw("Hugo_Chavez", 2),
                        Photos.lfw("Jennifer_Capriati", 1),
                        Photos.lfw("Colin_Powell", 2)));
        browser.go("#/identify");
        browser.screen("identify", "identify-empty");
        new Select(galleryOption("identify-gallery", gallery)).selectByValue(gallery);
        browser.upload(By.id("identify-file"), group);
        browser.click(By.id("identify-submit"));
        List<WebElement> faces = browser.until("four faces identified", driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("#identify-results li.identify-face"));
            return found.size() == 4 ? found : null;
        });
        assertThat(faces).hasSize(4);
        assertThat(namesLeftToRight("#screen-identify"))
                .as("the labels over the faces, left to right")
                .containsExactly("Tony Blair", "Hugo Chavez", "unknown", "Colin Powell");
        browser.screen("identify", "identify-group");

        browser.go("#/persons/" + hugo);
        browser.awaitText(By.cssSelector("#screen-person h1"), "Hugo Chavez");
        browser.click(By.id("person-delete"));
        browser.screen("person", "person-confirm-erase");
        browser.click(By.id("confirm-ok"));
        String receipt = browser.awaitText(By.id("receipt"), "Erasure receipt");
        assertThat(receipt).contains("Persons\n1").contains("Faces\n1").contains("Complete\nyes");
        browser.screen("person", "person-erased");

        browser.go("#/galleries/" + gallery);
        browser.awaitText(By.id("persons-table"), "Tony Blair");
        assertThat(browser.find(By.id("persons-table")).getText())
                .contains("Colin Powell")
                .doesNotContain("Hugo Chavez");
        browser.screen("gallery", "gallery-after-erasure");
        assertThat(browser.policyViolations()).isEmpty();
        browser.assertScreensClean();
    }

    @Test
    void compareReadsTheDecision() {
        Browser browser = open(null);
        browser.signIn(TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        browser.go("#/compare");
        browser.screen("compare", "compare-empty");
        browser.upload(By.id("compare-a"), Photos.lfw("Colin_Powell", 3));
        browser.upload(By.id("compare-b"), Photos.lfw("Colin_Powell", 4));
        browser.click(By.id("compare-submit"));
        assertThat(browser.awaitText(By.id("compare-decision"), " ")).isEqualTo("Same person");
        double same =
                Double.parseDouble(browser.find(By.id("compare-similarity")).getText());
        browser.visible(By.cssSelector("#compare-scale"));
        browser.screen("compare", "compare-same");

        browser.upload(By.id("compare-b"), Photos.lfw("Tony_Blair", 3));
        browser.until(
                "the second photo's preview alone",
                driver -> driver.findElements(By.id("compare-decision")).isEmpty());
        browser.click(By.id("compare-submit"));
        assertThat(browser.awaitText(By.id("compare-decision"), " ")).isEqualTo("Different people");
        double different =
                Double.parseDouble(browser.find(By.id("compare-similarity")).getText());
        assertThat(different).isLessThan(same);
        browser.screen("compare", "compare-different");

        browser.go("#/detect");
        browser.screen("detect", "detect-empty");
        browser.upload(
                By.id("detect-file"),
                Photos.group(photos, "pair.jpg", List.of(Photos.lfw("Colin_Powell", 5), Photos.lfw("Tony_Blair", 4))));
        browser.click(By.id("detect-submit"));
        browser.until(
                "two faces detected",
                driver -> driver.findElements(By.cssSelector("#detect-results li"))
                                .size()
                        == 2);
        browser.screen("detect", "detect-faces");
        assertThat(browser.policyViolations()).isEmpty();
        browser.assertScreensClean();
    }

    @Test
    void apiKeyShownOnceThenRevoked() throws Exception {
        Browser browser = open(null);
        browser.signIn(TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        browser.go("#/api-keys");
        browser.screen("api-keys", "api-keys-empty");
        browser.type(By.id("key-name"), "door-camera");
        new Select(browser.find(By.id("key-role"))).selectByValue("VIEWER");
        browser.click(By.id("key-create"));
        String key = browser.until("the new key", driver -> {
            List<WebElement> shown = driver.findElements(By.id("new-key"));
            String value = shown.isEmpty() ? "" : shown.getFirst().getDomProperty("value");
            return value == null || value.isBlank() ? null : value;
        });
        assertThat(browser.find(By.id("new-key")).getDomAttribute("readonly")).isNotNull();
        browser.visible(By.id("copy-key"));
        browser.awaitText(By.id("keys-table"), "door-camera");
        browser.screen("api-keys", "api-keys-created");
        assertThat(withKey(key)).as("the key shown works").isEqualTo(200);

        browser.go("#/overview");
        browser.go("#/api-keys");
        browser.awaitText(By.id("keys-table"), "door-camera");
        assertThat(browser.driver().findElements(By.id("new-key")))
                .as("shown once")
                .isEmpty();
        browser.click(By.cssSelector("#keys-table button.revoke"));
        browser.click(By.id("confirm-ok"));
        browser.awaitText(By.id("keys-table"), "revoked");
        browser.screen("api-keys", "api-keys-revoked");
        assertThat(withKey(key)).as("the revoked key").isEqualTo(401);

        browser.go("#/audit");
        assertThat(browser.awaitText(By.id("audit-table"), "api-key.revoke")).contains("api-key.create");
        browser.screen("audit");
        assertThat(browser.policyViolations()).isEmpty();
        browser.assertScreensClean();
    }

    @Test
    void liveNamesThePersonBeforeTheCamera() throws Exception {
        TestHttp http = new TestHttp(port);
        String gallery = id(http.postJson("/api/v1/galleries", "{\"name\":\"Front door\"}"));
        String person =
                id(http.postJson("/api/v1/persons", "{\"name\":\"Colin Powell\",\"galleryId\":\"" + gallery + "\"}"));
        HttpResponse<String> enrolled = http.postImage(
                "/api/v1/persons/" + person + "/faces", Files.readAllBytes(Photos.lfw("Colin_Powell", 6)));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);

        Browser browser = open(Photos.camera(photos, Photos.lfw("Colin_Powell", 7)));
        browser.signIn(TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        browser.go("#/live");
        new Select(galleryOption("live-gallery", gallery)).selectByValue(gallery);
        browser.screen("live", "live-off");
        browser.click(By.id("live-start"));
        browser.visible(By.id("live-video"));
        String names = browser.awaitText(By.id("live-names"), "Colin Powell");
        assertThat(names).doesNotContain("unknown");
        browser.visible(By.cssSelector("#screen-live .box-label"));
        browser.screen("live", "live-identified");
        browser.click(By.id("live-stop"));
        assertThat(browser.policyViolations()).isEmpty();
        browser.assertScreensClean();
    }

    @Test
    void viewerSeesNoAdministratorScreens() {
        Browser browser = open(null);
        browser.signIn(TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        browser.go("#/users");
        browser.screen("users", "users-before");
        browser.type(By.id("user-name"), "vera");
        browser.type(By.id("user-password"), "Viewer-Password-2026");
        new Select(browser.find(By.id("user-role"))).selectByValue("VIEWER");
        browser.click(By.id("user-create"));
        browser.awaitText(By.id("users-table"), "vera");
        browser.screen("users", "users-created");
        browser.click(By.id("sign-out"));
        browser.screen("sign-in", "signed-out");

        browser.signIn("vera", "Viewer-Password-2026");
        assertThat(browser.find(By.id("whoami")).getText()).isEqualTo("vera · VIEWER");
        Set<String> links = browser.find(By.id("nav")).findElements(By.tagName("a")).stream()
                .map(link -> link.getDomAttribute("href"))
                .collect(Collectors.toSet());
        assertThat(links)
                .as("the viewer's navigation")
                .contains("#/overview", "#/compare", "#/identify")
                .doesNotContain("#/galleries", "#/api-keys", "#/users", "#/audit");
        browser.screen("overview", "overview-viewer");

        for (String route : List.of("users", "api-keys", "audit", "galleries")) {
            browser.go("#/" + route);
            String refusal = browser.awaitText(By.id("forbidden"), "role");
            assertThat(refusal).as(route).contains("VIEWER").containsAnyOf("ADMIN", "OPERATOR");
        }
        browser.go("#/users");
        browser.awaitText(By.id("forbidden"), "ADMIN");
        browser.screen("forbidden", "forbidden-users");
        assertThat(browser.driver().findElements(By.id("users-table"))).isEmpty();
        assertThat(browser.policyViolations()).isEmpty();
        browser.assertScreensClean();
    }

    @Test
    void fitsAPhonesWidth() {
        Browser browser = open(null);
        browser.signIn(TestHttp.ADMIN, TestHttp.ADMIN_PASSWORD);
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        for (String route : List.of("overview", "identify", "api-keys")) {
            browser.go("#/" + route);
            browser.screen(route, "phone-" + route);
            Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(((Number) overflow).intValue())
                    .as("%s scrolls sideways on a 390 px wide screen", route)
                    .isLessThanOrEqualTo(0);
        }
        browser.click(By.id("nav-toggle"));
        browser.visible(By.cssSelector("#nav a[href='#/users']"));
        browser.screenshot("phone-menu");
        assertThat(browser.policyViolations()).isEmpty();
        browser.assertScreensClean();
    }

    /** Creates a gallery on the galleries screen and opens it; its id. */
    private String createGallery(String name) {
        browser.go("#/galleries");
        browser.screen("galleries", "galleries-empty");
        browser.type(By.id("gallery-name"), name);
        browser.click(By.id("gallery-create"));
        browser.awaitText(By.id("galleries-table"), name);
        browser.screen("galleries", "galleries-created");
        // Other tests' galleries share the service: this one by its name.
        WebElement link = browser.clickable(By.xpath("//table[@id='galleries-table']//a[text()='" + name + "']"));
        String id = link.getDomAttribute("href").replace("#/galleries/", "");
        link.click();
        browser.awaitText(By.cssSelector("#screen-gallery h1"), name);
        browser.screen("gallery", "gallery-empty");
        return id;
    }

    /** Adds a person on the gallery screen shown and opens them; their id. */
    private String createPerson(String name) {
        browser.type(By.id("person-name"), name);
        browser.click(By.id("person-create"));
        browser.awaitText(By.id("persons-table"), name);
        WebElement link = browser.clickable(By.linkText(name));
        String id = link.getDomAttribute("href").replace("#/persons/", "");
        link.click();
        browser.awaitText(By.cssSelector("#screen-person h1"), name);
        return id;
    }

    private void enrol(Path photo) {
        browser.upload(By.id("enrol-file"), photo);
        browser.awaitText(By.id("enrol-outcome"), "Enrolled");
    }

    private List<WebElement> faceChoices() {
        return browser.until("the faces to choose from", driver -> {
            List<WebElement> buttons = driver.findElements(By.cssSelector("#enrol-choice button[aria-label^='Face ']"));
            return buttons.size() >= 2 && buttons.stream().allMatch(WebElement::isDisplayed) ? buttons : null;
        });
    }

    /** The select once its options are loaded, with the gallery among them. */
    private WebElement galleryOption(String select, String gallery) {
        browser.find(By.cssSelector("#" + select + " option[value='" + gallery + "']"));
        return browser.find(By.id(select));
    }

    /** The names on the boxes drawn over the photo, ordered by the boxes' left edges ("1: Tony Blair 0.71"). */
    private List<String> namesLeftToRight(String screen) {
        return browser.driver().findElements(By.cssSelector(screen + " .box-label")).stream()
                .sorted(Comparator.comparingInt(label -> label.getRect().getX()))
                .map(label -> label.getText()
                        .replaceFirst("^\\d+:\\s*", "")
                        .replaceFirst("\\s+[0-9.]+$", "")
                        .trim())
                .toList();
    }

    private int withKey(String key) throws Exception {
        return TestHttp.withHeader(port, "X-API-Key", key)
                .getText("/api/v1/auth/me")
                .statusCode();
    }

    private static String id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }
}
