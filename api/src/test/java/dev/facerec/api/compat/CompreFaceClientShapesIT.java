package dev.facerec.api.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import dev.facerec.api.ThrowawayDataFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The exact requests that Double Take, Home Assistant's integration and Viseron (both through CompreFace's Python
 * SDK) and double-take-go-reborn send (shared/reference/compreface-api.md section 7, checked against their sources),
 * over a plain socket, each followed by exactly what that client reads from the answer. Then hostile input on the
 * same paths: every answer is CompreFace's {"message","code"} with a 4xx status, never a 5xx.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.ml.models-dir=${facerec.models.dir}"})
class CompreFaceClientShapesIT {
    private static final String RECOGNIZE = "/api/v1/recognition/recognize";
    private static final String FACES = "/api/v1/recognition/faces";
    private static final String SUBJECTS = "/api/v1/recognition/subjects";
    private static final String DETECT = "/api/v1/detection/detect";
    private static final String VERIFY = "/api/v1/verification/verify";
    private static final String UNKNOWN_KEY = "frk_000000000000." + "A".repeat(43);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @LocalServerPort
    int port;

    private CompatKeys admin;
    private String gallery;
    /** OPERATOR, bound to {@link #gallery}: what a CompreFace recognition service's key is. */
    private String key;
    /** VIEWER, bound to no gallery: a detection and verification service's key. */
    private String viewerKey;

    @BeforeEach
    void collection() throws Exception {
        admin = new CompatKeys(new TestHttp(port));
        gallery = admin.gallery("shapes-" + UUID.randomUUID());
        key = admin.key("recognition", "OPERATOR", gallery);
        viewerKey = admin.key("detection", "VIEWER", null);
    }

    private static byte[] photo(String relative) throws IOException {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), relative));
    }

    private static byte[] lfw(String name, int number) throws IOException {
        return photo("lfw-dev/images/%s/%s_%04d.jpg".formatted(name, name, number));
    }

    private static final String NO_FACE = "detection/no-face/faceapi_white.png";
    private static final String GROUP = "detection/multi-face/faceapi_bbt4.jpg";

    // --- Double Take (api/src/util/detectors/compreface.js): axios and form-data in Node -----------------------------

    /** form-data streams a file read from disk: chunked, the part named after the file, its type from the name. */
    private Wire.Answer doubleTake(String method, String target, byte[] image, String filename) throws IOException {
        Wire request = Wire.request(method, target).header("Accept", "application/json, text/plain, */*");
        if (image != null) {
            var form = new Wire.Multipart("--------------------------" + "515890814546601021194782")
                    .file("file", filename, "image/jpeg", image);
            request.header("Content-Type", form.contentType()).chunked(form.bytes());
        }
        return request.header("x-api-key", key)
                .header("User-Agent", "axios/0.27.2")
                .send(port);
    }

    @Test
    void doubleTakeTrainsRecognizesAndUntrains() throws Exception {
        // train: params {subject: name} serialised by axios (a space becomes "+").
        Wire.Answer trained = doubleTake(
                "POST", FACES + "?subject=Jane+Doe", lfw("Colin_Powell", 1), "1712345678-Colin_Powell_0001.jpg");
        assertThat(trained.status()).as("%s", trained).isEqualTo(201);
        assertThat(trained.json().path("image_id").asString()).as("%s", trained).isNotBlank();
        assertThat(trained.json().path("subject").asString()).isEqualTo("Jane Doe");

        // recognize: face_plugins is the literal "undefined" when not configured; det_prob_threshold from params.
        Wire.Answer recognized = doubleTake(
                "POST",
                RECOGNIZE + "?face_plugins=undefined&det_prob_threshold=0.8",
                lfw("Colin_Powell", 2),
                "a1b2c3.jpg");
        assertThat(recognized.status()).as("%s", recognized).isEqualTo(200);
        JsonNode face = recognized.json().path("result").get(0);
        assertThat(face).as("%s", recognized).isNotNull();
        // const [face] = obj.subjects; face.subject.toLowerCase(); face.similarity * 100
        assertThat(face.path("subjects").get(0).path("subject").asString().toLowerCase())
                .isEqualTo("jane doe");
        assertThat(face.path("subjects").get(0).path("similarity").asDouble() * 100)
                .isGreaterThan(80);
        assertBox(face.path("box"), recognized);
        assertThat(face.has("age") || face.has("gender") || face.has("mask"))
                .as("no plugin asked for: %s", face)
                .isFalse();

        // no face: `if (!data.result) { if (data.code === 28) return []; throw new Error(data.message) }`
        Wire.Answer none = doubleTake(
                "POST", RECOGNIZE + "?face_plugins=undefined&det_prob_threshold=0.8", photo(NO_FACE), "x.jpg");
        assertThat(none.json().has("result")).as("%s", none).isFalse();
        assertCompreFaceError(none, 400, 28);

        // untrain: DELETE with params, no body and no Content-Type; the answer is stored as it is.
        Wire.Answer untrained = doubleTake("DELETE", FACES + "?subject=Jane+Doe", null, null);
        assertThat(untrained.status()).as("%s", untrained).isEqualTo(200);
        assertThat(untrained.json().path("deleted").asInt()).as("%s", untrained).isEqualTo(1);

        // Nobody left: the face is there with an empty subjects array (DT reads it as "unknown").
        Wire.Answer unknown = doubleTake(
                "POST", RECOGNIZE + "?face_plugins=undefined&det_prob_threshold=0.8", lfw("Colin_Powell", 2), "b.jpg");
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(200);
        JsonNode subjects = unknown.json().path("result").get(0).path("subjects");
        assertThat(subjects.isArray() && subjects.isEmpty()).as("%s", unknown).isTrue();
    }

    // --- CompreFace's Python SDK (Home Assistant, Viseron): requests with requests_toolbelt's MultipartEncoder -------

    /** requests' own headers, then the SDK's; the part has the file's name and no Content-Type. */
    private Wire python(String method, String target, String apiKey) {
        return Wire.request(method, target)
                .header("User-Agent", "python-requests/2.31.0")
                .header("Accept-Encoding", "identity")
                .header("Accept", "*/*")
                .header("x-api-key", apiKey);
    }

    private Wire.Answer pythonUpload(String target, byte[] image, String filename) throws IOException {
        var form =
                new Wire.Multipart(UUID.randomUUID().toString().replace("-", "")).file("file", filename, null, image);
        return python("POST", target, key)
                .header("Content-Type", form.contentType())
                .body(form.bytes())
                .send(port);
    }

    /** SubjectClient sends Content-Type: application/json on every call, bodiless GET and DELETE included. */
    private Wire.Answer pythonSubjects(String method, String target, String json) throws IOException {
        Wire request = python(method, target, key).header("Content-Type", "application/json");
        if (json != null) {
            request.body(json);
        } else if (!method.equals("GET")) {
            request.body(new byte[0]);
        }
        return request.send(port);
    }

    @Test
    void homeAssistantRecognizesThroughThePythonSdk() throws Exception {
        // FaceCollection.add(path, subject): ?subject= with no options, the file's own name.
        Wire.Answer added = pythonUpload(FACES + "?subject=alice", lfw("Tony_Blair", 1), "Tony_Blair_0001.jpg");
        assertThat(added.status()).as("%s", added).isEqualTo(201);

        // recognition.recognize(path) with no options: a trailing "?".
        Wire.Answer answer =
                pythonUpload(RECOGNIZE + "?", lfw("Tony_Blair", 2), "recognition_image_tmp_1712345678.jpg");
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        // result["result"][0]["subjects"][0]["subject"/"similarity"], accepted above 0.8
        JsonNode best = answer.json().path("result").get(0).path("subjects").get(0);
        assertThat(best).as("%s", answer).isNotNull();
        assertThat(best.path("subject").asString()).isEqualTo("alice");
        assertThat(best.path("similarity").asDouble()).as("%s", answer).isGreaterThan(0.8);

        // A stranger stays below HA's 0.8.
        Wire.Answer stranger =
                pythonUpload(RECOGNIZE + "?", lfw("Aaron_Sorkin", 1), "recognition_image_tmp_1712345679.jpg");
        assertThat(stranger.json()
                        .path("result")
                        .get(0)
                        .path("subjects")
                        .get(0)
                        .path("similarity")
                        .asDouble())
                .as("%s", stranger)
                .isLessThan(0.8);

        // No face: result["result"] must raise KeyError (state "none"), so no "result" key at all.
        Wire.Answer none = pythonUpload(RECOGNIZE + "?", photo(NO_FACE), "recognition_image_tmp_1712345680.jpg");
        assertThat(none.json().has("result")).as("%s", none).isFalse();
        assertCompreFaceError(none, 400, 28);
    }

    @Test
    void viseronTrainsAndRecognizesThroughThePythonSdk() throws Exception {
        // train(): face_collection.delete_all(name) first, a bodiless DELETE that requests gives Content-Length: 0.
        Wire.Answer cleared =
                python("DELETE", FACES + "?subject=bob", key).body(new byte[0]).send(port);
        assertThat(cleared.status()).as("%s", cleared).isEqualTo(200);
        assertThat(cleared.json().path("deleted").asInt()).as("%s", cleared).isZero();
        // then add(bytes, subject): "image.jpg"; a "message" key in the answer counts as a failure.
        for (int number : new int[] {1, 2}) {
            Wire.Answer added = pythonUpload(FACES + "?subject=bob", lfw("Colin_Powell", number), "image.jpg");
            assertThat(added.status()).as("%s", added).isEqualTo(201);
            assertThat(added.json().has("message")).as("%s", added).isFalse();
        }
        Wire.Answer notSuitable = pythonUpload(FACES + "?subject=bob", photo(NO_FACE), "image.jpg");
        assertThat(notSuitable.json().has("message")).as("%s", notSuitable).isTrue();

        // use_subjects: GET /subjects must hold the key "subjects".
        Wire.Answer subjects = pythonSubjects("GET", SUBJECTS, null);
        assertThat(subjects.status()).as("%s", subjects).isEqualTo(200);
        assertThat(subjects.json().path("subjects").toString()).isEqualTo("[\"bob\"]");

        // recognize(bytes of a JPEG crop) with the component's options, booleans as Python writes them.
        String options = "?&limit=0&det_prob_threshold=0.8&prediction_count=1&status=False";
        Wire.Answer answer = pythonUpload(RECOGNIZE + options, lfw("Colin_Powell", 3), "image.jpg");
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode result = answer.json().path("result");
        assertThat(result.size()).as("%s", answer).isEqualTo(1);
        // result[SUBJECTS][0] without a guard, similarity against 0.5, box x_min/y_min/x_max/y_max
        JsonNode subject = result.get(0).path("subjects").get(0);
        assertThat(subject).as("%s", answer).isNotNull();
        assertThat(subject.path("subject").asString()).isEqualTo("bob");
        assertThat(subject.path("similarity").asDouble()).isGreaterThanOrEqualTo(0.5);
        assertBox(result.get(0).path("box"), answer);
        assertThat(answer.json().has("plugins_versions"))
                .as("status=False: no plugins_versions")
                .isFalse();

        // With face_plugins configured (unknown slugs ignored, known ones answered).
        Wire.Answer plugins =
                pythonUpload(RECOGNIZE + options + "&face_plugins=landmarks", lfw("Colin_Powell", 3), "image.jpg");
        assertThat(plugins.status()).as("%s", plugins).isEqualTo(200);
        assertThat(plugins.json().path("result").get(0).path("landmarks").size())
                .as("%s", plugins)
                .isEqualTo(5);

        // A crop without a face: `if "result" not in detections: return`.
        Wire.Answer none = pythonUpload(RECOGNIZE + options, photo(NO_FACE), "image.jpg");
        assertThat(none.json().has("result")).as("%s", none).isFalse();
    }

    @Test
    void pythonSdkSubjectsAndExamples() throws Exception {
        Wire.Answer created = pythonSubjects("POST", SUBJECTS, "{\"subject\": \"carol\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("subject").asString()).isEqualTo("carol");
        Wire.Answer example =
                pythonUpload(FACES + "?subject=carol&det_prob_threshold=0.8", lfw("Hugo_Chavez", 1), "hugo.jpg");
        assertThat(example.status()).as("%s", example).isEqualTo(201);
        String imageId = example.json().path("image_id").asString();

        // Subjects.update: PUT /subjects/<old> with the new name and an extra "api_endpoint" field.
        Wire.Answer renamed =
                pythonSubjects("PUT", SUBJECTS + "/carol", "{\"subject\": \"caroline\", \"api_endpoint\": \"carol\"}");
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        assertThat(renamed.json().path("updated").isBoolean()
                        && renamed.json().path("updated").asBoolean())
                .as("%s", renamed)
                .isTrue();

        // FaceCollection.list: GET /faces with only the key.
        Wire.Answer list = python("GET", FACES, key).send(port);
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        assertThat(list.json().path("faces").get(0).path("image_id").asString()).isEqualTo(imageId);
        assertThat(list.json().path("faces").get(0).path("subject").asString()).isEqualTo("caroline");

        // FaceCollection.verify(path, image_id)
        Wire.Answer verified = pythonUpload(FACES + "/" + imageId + "/verify?", lfw("Hugo_Chavez", 2), "hugo2.jpg");
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        assertThat(verified.json().path("result").get(0).path("similarity").asDouble())
                .as("%s", verified)
                .isGreaterThan(0.8);

        // GET /faces/{id}/img: the stored image, as bytes.
        Wire.Answer image = python("GET", FACES + "/" + imageId + "/img", key).send(port);
        assertThat(image.status()).as("%s", image).isEqualTo(200);
        assertThat(image.text()).as("image bytes").isNotEmpty();

        // FaceCollection.delete(image_id): {"image_id","subject"}
        Wire.Answer deleted =
                python("DELETE", FACES + "/" + imageId, key).body(new byte[0]).send(port);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
        assertThat(deleted.json().path("image_id").asString()).isEqualTo(imageId);
        assertThat(deleted.json().path("subject").asString()).isEqualTo("caroline");

        Wire.Answer gone = pythonSubjects("DELETE", SUBJECTS + "/caroline", null);
        assertThat(gone.status()).as("%s", gone).isEqualTo(200);
        assertThat(gone.json().path("subject").asString()).isEqualTo("caroline");
        pythonSubjects("POST", SUBJECTS, "{\"subject\": \"dave\"}");
        pythonSubjects("POST", SUBJECTS, "{\"subject\": \"erin\"}");
        Wire.Answer all = pythonSubjects("DELETE", SUBJECTS, null);
        assertThat(all.status()).as("%s", all).isEqualTo(200);
        assertThat(all.json().path("deleted").asInt()).as("%s", all).isEqualTo(2);
    }

    @Test
    void pythonSdkDetectsAndVerifies() throws Exception {
        // DetectionService.detect(path, options): "?" then "&k=v" for each option, booleans as Python prints them.
        var detectForm = new Wire.Multipart(UUID.randomUUID().toString().replace("-", ""))
                .file("file", "group.jpg", null, photo(GROUP));
        Wire.Answer detected = python(
                        "POST",
                        DETECT + "?&limit=2&det_prob_threshold=0.8&face_plugins=landmarks&status=True",
                        viewerKey)
                .header("Content-Type", detectForm.contentType())
                .body(detectForm.bytes())
                .send(port);
        assertThat(detected.status()).as("%s", detected).isEqualTo(200);
        assertThat(detected.json().path("result").size()).as("%s", detected).isEqualTo(2);
        assertThat(detected.json().path("result").get(0).path("landmarks").size())
                .isEqualTo(5);
        assertThat(detected.json().path("plugins_versions").path("detector").isString())
                .as("%s", detected)
                .isTrue();

        // VerificationService.verify(source, target): both files in one form, both named after their files.
        var verifyForm = new Wire.Multipart(UUID.randomUUID().toString().replace("-", ""))
                .file("source_image", "Colin_Powell_0001.jpg", null, lfw("Colin_Powell", 1))
                .file("target_image", "image.jpg", null, lfw("Colin_Powell", 2));
        Wire.Answer verified = python("POST", VERIFY + "?", viewerKey)
                .header("Content-Type", verifyForm.contentType())
                .body(verifyForm.bytes())
                .send(port);
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        JsonNode result = verified.json().path("result");
        assertThat(result.size()).as("one element: %s", verified).isEqualTo(1);
        assertBox(result.get(0).path("source_image_face").path("box"), verified);
        assertThat(result.get(0).path("face_matches").get(0).path("similarity").asDouble())
                .as("%s", verified)
                .isGreaterThan(0.8);
    }

    // --- double-take-go-reborn (internal/integrations/compreface/api_client.go): Go's net/http ----------------------

    private Wire go(String method, String target) {
        return Wire.request(method, target)
                .header("User-Agent", "Go-http-client/1.1")
                .header("Content-Type", "application/json")
                .header("X-Api-Key", key)
                .header("Accept-Encoding", "identity");
    }

    private Wire.Answer goUpload(String target, byte[] image, String... fields) throws IOException {
        var form = new Wire.Multipart("4b6b1e0f2c0d8a5e3f7c9a1b2d4e6f8091a3b5c7d9e1f3a5b7c9d1e3f5a7")
                .file("file", "snapshot.jpg", "application/octet-stream", image);
        for (int i = 0; i < fields.length; i += 2) {
            form.field(fields[i], fields[i + 1]);
        }
        return Wire.request("POST", target)
                .header("User-Agent", "Go-http-client/1.1")
                .header("Content-Type", form.contentType())
                .header("X-Api-Key", key)
                .body(form.bytes())
                .send(port);
    }

    @Test
    void doubleTakeGoRebornDrivesTheCollection() throws Exception {
        // Ping: GET /subjects/ with a trailing slash (url.JoinPath keeps it); 200 is all it wants.
        Wire.Answer ping = go("GET", SUBJECTS + "/").send(port);
        assertThat(ping.status()).as("%s", ping).isEqualTo(200);
        assertThat(ping.json().path("subjects").isArray()).as("%s", ping).isTrue();

        Wire.Answer created =
                go("POST", SUBJECTS).body("{\"subject\":\"frank\"}").send(port);
        assertThat(created.status())
                .as("CompreFace answers 201 (DTG wrongly wants 200): %s", created)
                .isEqualTo(201);
        assertThat(created.json().path("subject").asString()).isEqualTo("frank");

        // AddExample: subject and det_prob_threshold as multipart fields, after the file.
        Wire.Answer added = goUpload(FACES, lfw("Tony_Blair", 1), "subject", "frank", "det_prob_threshold", "0.8");
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        String imageId = added.json().path("image_id").asString();
        assertThat(added.json().path("subject").asString()).isEqualTo("frank");

        // Recognize: q.Encode() sorts the keys and keeps the empty face_plugins; it requires 200.
        Wire.Answer recognized = goUpload(
                RECOGNIZE + "?det_prob_threshold=0.8&face_plugins=&limit=10&prediction_count=3", lfw("Tony_Blair", 2));
        assertThat(recognized.status()).as("%s", recognized).isEqualTo(200);
        JsonNode face = recognized.json().path("result").get(0);
        assertBox(face.path("box"), recognized);
        assertThat(face.path("box").path("probability").isNumber()).isTrue();
        assertThat(face.path("subjects").get(0).path("subject").asString()).isEqualTo("frank");
        assertThat(face.path("subjects").get(0).path("similarity").isNumber()).isTrue();

        // Examples of one subject: faces[]{image_id, subject}
        Wire.Answer examples = go("GET", FACES + "?subject=frank").send(port);
        assertThat(examples.status()).as("%s", examples).isEqualTo(200);
        assertThat(examples.json().path("faces").size()).as("%s", examples).isEqualTo(1);
        assertThat(examples.json().path("faces").get(0).path("image_id").asString())
                .isEqualTo(imageId);

        Wire.Answer renamed =
                go("PUT", SUBJECTS + "/frank").body("{\"subject\":\"francis\"}").send(port);
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        assertThat(renamed.json().path("updated").asBoolean()).as("%s", renamed).isTrue();

        Wire.Answer removed = go("DELETE", FACES + "/" + imageId).send(port);
        assertThat(removed.status()).as("%s", removed).isIn(200, 204);

        Wire.Answer deleted = go("DELETE", SUBJECTS + "/francis").send(port);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
        go("POST", SUBJECTS).body("{\"subject\":\"gina\"}").send(port);
        Wire.Answer all = go("DELETE", SUBJECTS + "/").send(port);
        assertThat(all.status()).as("%s", all).isEqualTo(200);
        assertThat(all.json().path("deleted").isInt()).as("%s", all).isTrue();
        assertThat(all.json().path("deleted").asInt()).isEqualTo(1);
    }

    /** The face collection's list pages as Spring Data does: 0-based page, size echoed, a subject filter. */
    @Test
    void examplesAreListedInPages() throws Exception {
        for (int number : new int[] {1, 2, 3}) {
            assertThat(upload(FACES + "?subject=pat", key, "file", "p.jpg", lfw("Colin_Powell", number))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(upload(FACES + "?subject=quinn", key, "file", "q.jpg", lfw("Tony_Blair", 1))
                        .status())
                .isEqualTo(201);
        JsonNode page = json("GET", FACES + "?page=1&size=3", key, null).json();
        assertThat(page.path("faces").size()).as("%s", page).isEqualTo(1);
        assertThat(page.path("total_elements").asInt()).as("%s", page).isEqualTo(4);
        assertThat(page.path("total_pages").asInt()).as("%s", page).isEqualTo(2);
        assertThat(page.path("page_number").asInt()).as("%s", page).isEqualTo(1);
        assertThat(page.path("page_size").asInt()).as("%s", page).isEqualTo(3);
        JsonNode first = json("GET", FACES, key, null).json();
        assertThat(first.path("page_number").asInt()).isZero();
        assertThat(first.path("page_size").asInt()).as("default size").isEqualTo(20);
        JsonNode quinn = json("GET", FACES + "?subject=quinn", key, null).json();
        assertThat(quinn.path("faces").size()).as("%s", quinn).isEqualTo(1);
        assertThat(quinn.path("total_elements").asInt()).isEqualTo(1);
        for (String odd : List.of("?page=-1", "?size=0", "?size=-5", "?page=abc", "?size=100000")) {
            Wire.Answer answer = json("GET", FACES + odd, key, null);
            if (answer.status() != 200) {
                assertCompreFace4xx(answer);
            }
        }
    }

    // --- hostile input ----------------------------------------------------------------------------------------------

    private Wire.Answer upload(String target, String apiKey, String part, String filename, byte[] image)
            throws IOException {
        var form = new Wire.Multipart("hostile-boundary-7MA4YWxkTrZu0gW").file(part, filename, "image/jpeg", image);
        return Wire.request("POST", target)
                .header("x-api-key", apiKey)
                .header("Content-Type", form.contentType())
                .body(form.bytes())
                .send(port);
    }

    private Wire.Answer json(String method, String target, String apiKey, String body) throws IOException {
        Wire request = Wire.request(method, target).header("x-api-key", apiKey);
        if (body != null) {
            request.header("Content-Type", "application/json").body(body);
        }
        return request.send(port);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The shared bad inputs, each through the image paths, multipart and base64: 4xx where it must be refused. */
    @Test
    void sharedBadInputsGetCompreFaceErrors() throws Exception {
        Path folder = Path.of(System.getProperty("facerec.data.dir"), "bad-inputs");
        List<String> rows = Files.readAllLines(folder.resolve("expected.csv"), UTF_8);
        List<String> problems = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String name = row.substring(0, row.indexOf(','));
            String behaviour = row.split(",", 4)[2];
            // "reject: ..." / "reject by ..." / "reject; ..." must be refused; "either", "accept or reject" may not.
            boolean mustRefuse = behaviour.matches("^reject(:|;| by).*");
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            List<Wire.Answer> answers = List.of(
                    upload(RECOGNIZE, key, "file", name, bytes),
                    upload(DETECT, viewerKey, "file", name, bytes),
                    upload(FACES + "?subject=bad", key, "file", name, bytes),
                    json("POST", RECOGNIZE, key, "{\"file\":\"" + base64(bytes) + "\"}"),
                    json(
                            "POST",
                            VERIFY,
                            viewerKey,
                            "{\"source_image\":\"" + base64(bytes) + "\",\"target_image\":\""
                                    + base64(lfw("Colin_Powell", 1)) + "\"}"));
            for (Wire.Answer answer : answers) {
                String problem = compreFaceProblem(answer, mustRefuse);
                if (problem != null) {
                    problems.add(name + ": " + problem);
                }
            }
        }
        assertThat(problems)
                .as("bad inputs answered without CompreFace's error shape")
                .isEmpty();
    }

    /** Null when the answer is right: a success where allowed, else 4xx {"message","code"}. */
    private static String compreFaceProblem(Wire.Answer answer, boolean mustRefuse) {
        if (answer.status() >= 200 && answer.status() < 300 && !mustRefuse) {
            return null;
        }
        if (answer.status() < 400 || answer.status() >= 500) {
            return "expected a 4xx: " + answer;
        }
        try {
            JsonNode body = answer.json();
            if (!body.path("message").isString() || !body.path("code").isInt()) {
                return "not {\"message\",\"code\"}: " + answer;
            }
        } catch (AssertionError notJson) {
            return "not JSON: " + answer;
        }
        return null;
    }

    private static void assertCompreFace4xx(Wire.Answer answer) {
        String problem = compreFaceProblem(answer, true);
        assertThat(problem).as("%s", answer).isNull();
    }

    private static void assertCompreFaceError(Wire.Answer answer, int status, int code) {
        assertCompreFace4xx(answer);
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.json().path("code").asInt()).as("%s", answer).isEqualTo(code);
        assertThat(answer.contentType()).as("%s", answer).startsWith("application/json");
    }

    private static void assertBox(JsonNode box, Wire.Answer answer) {
        for (String field : List.of("x_min", "y_min", "x_max", "y_max")) {
            assertThat(box.path(field).isInt())
                    .as("box.%s in %s", field, answer)
                    .isTrue();
        }
        assertThat(box.path("x_max").asInt()).isGreaterThan(box.path("x_min").asInt());
        assertThat(box.path("y_max").asInt()).isGreaterThan(box.path("y_min").asInt());
    }

    @Test
    void keysAreCheckedAsCompreFaceChecksThem() throws Exception {
        byte[] face = lfw("Colin_Powell", 1);
        // Missing header: 400 code 20.
        Wire.Answer missing = Wire.request("GET", SUBJECTS).send(port);
        assertCompreFaceError(missing, 400, 20);
        // A key nobody issued: 404 code 10, on every service.
        assertCompreFaceError(upload(RECOGNIZE, UNKNOWN_KEY, "file", "a.jpg", face), 404, 10);
        assertCompreFaceError(upload(DETECT, UNKNOWN_KEY, "file", "a.jpg", face), 404, 10);
        assertCompreFaceError(json("GET", SUBJECTS, UNKNOWN_KEY, null), 404, 10);
        assertCompreFaceError(
                json(
                        "POST",
                        VERIFY,
                        UNKNOWN_KEY,
                        "{\"source_image\":\"" + base64(face) + "\",\"target_image\":\"" + base64(face) + "\"}"),
                404,
                10);
        // A CompreFace-style UUID key left in a client's configuration: refused the CompreFace way.
        Wire.Answer uuid = json("GET", SUBJECTS, UUID.randomUUID().toString(), null);
        assertCompreFace4xx(uuid);
        assertThat(uuid.json().path("code").asInt()).as("%s", uuid).isIn(10, 26);
        // Not a key at all.
        assertCompreFace4xx(json("GET", SUBJECTS, "' OR 1=1 --", null));
        // The header name in any case (PY and JS send it lowercase, Go canonicalises it).
        assertThat(Wire.request("GET", SUBJECTS)
                        .header("X-API-KEY", key)
                        .send(port)
                        .status())
                .isEqualTo(200);

        // An unbound key on recognition paths: refused, CompreFace-shaped; it may still detect.
        String unbound = admin.key("unbound-operator", "OPERATOR", null);
        assertCompreFace4xx(json("GET", SUBJECTS, unbound, null));
        assertCompreFace4xx(upload(RECOGNIZE, unbound, "file", "a.jpg", face));
        assertCompreFace4xx(upload(FACES + "?subject=x", unbound, "file", "a.jpg", face));
        assertThat(upload(DETECT, unbound, "file", "a.jpg", face).status()).isEqualTo(200);

        // A VIEWER key bound to the gallery may recognize but not write.
        String viewer = admin.key("bound-viewer", "VIEWER", gallery);
        assertThat(upload(RECOGNIZE, viewer, "file", "a.jpg", face).status()).isEqualTo(200);
        assertCompreFace4xx(upload(FACES + "?subject=x", viewer, "file", "a.jpg", face));
        assertCompreFace4xx(json("POST", SUBJECTS, viewer, "{\"subject\":\"x\"}"));
    }

    @Test
    void aKeyOfAnotherGallerySeesNothingOfThisOne() throws Exception {
        Wire.Answer added = upload(FACES + "?subject=mine", key, "file", "a.jpg", lfw("Colin_Powell", 1));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        String imageId = added.json().path("image_id").asString();
        String other = admin.key("other", "OPERATOR", admin.gallery("other-" + UUID.randomUUID()));

        assertThat(json("GET", SUBJECTS, other, null).json().path("subjects").size())
                .isZero();
        assertThat(json("GET", FACES, other, null).json().path("faces").size()).isZero();
        JsonNode recognized = upload(RECOGNIZE, other, "file", "b.jpg", lfw("Colin_Powell", 2))
                .json()
                .path("result")
                .get(0);
        assertThat(recognized.path("subjects").size()).as("%s", recognized).isZero();
        assertCompreFaceError(json("DELETE", FACES + "/" + imageId, other, null), 404, 44);
        assertCompreFaceError(json("DELETE", SUBJECTS + "/mine", other, null), 404, 42);
        assertCompreFaceError(json("PUT", SUBJECTS + "/mine", other, "{\"subject\":\"theirs\"}"), 404, 42);
        Wire.Answer deletedNone = json("POST", FACES + "/delete", other, "[\"" + imageId + "\"]");
        assertThat(deletedNone.status()).as("%s", deletedNone).isEqualTo(200);
        assertThat(deletedNone.json().size()).as("%s", deletedNone).isZero();
        Wire.Answer verify = upload(FACES + "/" + imageId + "/verify", other, "file", "c.jpg", lfw("Colin_Powell", 2));
        if (verify.status() == 200) {
            assertThat(verify.json().path("result").get(0).path("similarity").asDouble())
                    .as("%s", verify)
                    .isZero();
        } else {
            assertCompreFaceError(verify, 404, 44);
        }
        // CompreFace answers 200 with an empty body for an image it does not have; a 404 code 44 says as much.
        Wire.Answer image = json("GET", FACES + "/" + imageId + "/img", other, null);
        if (image.status() == 200) {
            assertThat(image.text()).as("another collection's image").isEmpty();
        } else {
            assertCompreFaceError(image, 404, 44);
        }
        // Still there for its own key.
        assertThat(json("GET", FACES, key, null).json().path("faces").size()).isEqualTo(1);
    }

    /** One check of many; its failure is collected, so that one run reports every answer that is wrong. */
    private interface Check {
        void run() throws Exception;
    }

    private static void softly(List<String> problems, Check check) throws Exception {
        try {
            check.run();
        } catch (AssertionError wrong) {
            problems.add(wrong.getMessage().strip());
        }
    }

    @Test
    void malformedBodiesAndParametersGetCompreFaceErrors() throws Exception {
        byte[] face = lfw("Colin_Powell", 1);
        List<String> problems = new ArrayList<>();
        softly(
                problems,
                () -> assertCompreFaceError(json("POST", RECOGNIZE, key, "{\"file\":\"not base64!!\"}"), 400, 21));
        softly(
                problems,
                () -> assertCompreFaceError(
                        json("POST", RECOGNIZE, key, "{\"file\":\"data:image/jpeg;base64," + base64(face) + "\"}"),
                        400,
                        21));
        softly(problems, () -> assertCompreFaceError(json("POST", RECOGNIZE, key, "{}"), 400, 5));
        softly(problems, () -> assertCompreFace4xx(json("POST", RECOGNIZE, key, "{\"file\":")));
        softly(problems, () -> assertCompreFace4xx(json("POST", RECOGNIZE, key, "[1,2")));
        softly(problems, () -> assertCompreFace4xx(json("POST", DETECT, viewerKey, "{\"file\":12}")));
        softly(
                problems,
                () -> assertCompreFace4xx(
                        json("POST", VERIFY, viewerKey, "{\"source_image\":\"" + base64(face) + "\"}")));
        // Valid base64 of something that is no image: the core's 400, code 28 in CompreFace.
        softly(
                problems,
                () -> assertCompreFace4xx(
                        json("POST", RECOGNIZE, key, "{\"file\":\"" + base64("hello".getBytes(UTF_8)) + "\"}")));
        // Unknown JSON fields are ignored.
        softly(
                problems,
                () -> assertThat(json("POST", DETECT, viewerKey, "{\"file\":\"" + base64(face) + "\",\"extra\":1}")
                                .status())
                        .isEqualTo(200));

        softly(problems, () -> assertCompreFaceError(upload(RECOGNIZE, key, "file", "face.txt", face), 400, 21));
        softly(problems, () -> assertCompreFaceError(upload(RECOGNIZE, key, "image", "face.jpg", face), 400, 34));
        softly(problems, () -> assertCompreFaceError(upload(FACES, key, "file", "face.jpg", face), 400, 33));
        softly(
                problems,
                () -> assertCompreFaceError(upload(FACES + "?subject=", key, "file", "face.jpg", face), 400, 26));
        softly(
                problems,
                () -> assertCompreFaceError(upload(RECOGNIZE + "?limit=-1", key, "file", "face.jpg", face), 400, 26));
        softly(
                problems,
                () -> assertCompreFaceError(
                        upload(RECOGNIZE + "?prediction_count=0", key, "file", "face.jpg", face), 400, 26));
        softly(problems, () -> {
            Wire.Answer threshold = upload(RECOGNIZE + "?det_prob_threshold=2", key, "file", "face.jpg", face);
            assertCompreFace4xx(threshold);
            assertThat(threshold.json().path("code").asInt())
                    .as("%s", threshold)
                    .isIn(26, 28);
        });
        softly(problems, () -> assertCompreFace4xx(upload(RECOGNIZE + "?limit=abc", key, "file", "face.jpg", face)));
        softly(problems, () -> assertCompreFace4xx(upload(RECOGNIZE + "?status=maybe", key, "file", "face.jpg", face)));
        // A group photo as the source of a verification: 400 code 31; as an example: 400 code 31.
        softly(
                problems,
                () -> assertCompreFaceError(
                        json(
                                "POST",
                                VERIFY,
                                viewerKey,
                                "{\"source_image\":\"" + base64(photo(GROUP)) + "\",\"target_image\":\"" + base64(face)
                                        + "\"}"),
                        400,
                        31));
        softly(
                problems,
                () -> assertCompreFaceError(
                        upload(FACES + "?subject=group", key, "file", "g.jpg", photo(GROUP)), 400, 31));
        // Unknown and malformed example ids (CompreFace reads the body of /faces/delete as a list of UUIDs: 400).
        softly(
                problems,
                () -> assertCompreFaceError(json("DELETE", FACES + "/" + UUID.randomUUID(), key, null), 404, 44));
        softly(problems, () -> assertCompreFace4xx(json("DELETE", FACES + "/not-a-uuid", key, null)));
        softly(problems, () -> assertCompreFace4xx(json("POST", FACES + "/delete", key, "[\"not-a-uuid\"]")));
        softly(problems, () -> assertCompreFace4xx(json("POST", FACES + "/delete", key, "{\"ids\":1}")));
        // A method a path does not take.
        softly(problems, () -> assertCompreFace4xx(json("GET", RECOGNIZE, key, null)));
        assertThat(problems).as("answers that are not CompreFace's").isEmpty();
    }

    @Test
    void subjectNamesWithSlashSemicolonOrBackslashAreRefused() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String name : List.of("a/b", "a;b", "a\\\\b")) {
            softly(
                    problems,
                    () -> assertCompreFaceError(
                            json("POST", SUBJECTS, key, "{\"subject\":\"" + name + "\"}"), 400, 36));
        }
        assertThat(json("POST", SUBJECTS, key, "{\"subject\":\"ok\"}").status()).isEqualTo(201);
        for (String name : List.of("o/k", "o;k", "o\\\\k")) {
            softly(
                    problems,
                    () -> assertCompreFaceError(
                            json("PUT", SUBJECTS + "/ok", key, "{\"subject\":\"" + name + "\"}"), 400, 36));
        }
        // The same characters in paths, raw and encoded: refused or not found, CompreFace-shaped, never a 5xx.
        for (String path : List.of(
                SUBJECTS + "/a;b",
                SUBJECTS + "/a%3Bb",
                SUBJECTS + "/a%2Fb",
                SUBJECTS + "/a%5Cb",
                SUBJECTS + "/a%5Bb%5D",
                SUBJECTS + "/%00")) {
            softly(problems, () -> assertCompreFace4xx(json("DELETE", path, key, null)));
            softly(problems, () -> assertCompreFace4xx(json("PUT", path, key, "{\"subject\":\"x\"}")));
        }
        // And in the subject of an example: CompreFace does not check the name there; a 400 code 36 is as good.
        for (String query : List.of("a%2Fb", "a%3Bb", "a%5Cb")) {
            softly(problems, () -> {
                Wire.Answer added = upload(FACES + "?subject=" + query, key, "file", "f.jpg", lfw("Colin_Powell", 1));
                if (added.status() != 201) {
                    assertCompreFaceError(added, 400, 36);
                }
                assertThat(json("DELETE", FACES + "?subject=" + query, key, null)
                                .status())
                        .isEqualTo(200);
            });
        }
        assertThat(json("GET", SUBJECTS, key, null).json().path("subjects").toString())
                .isEqualTo("[\"ok\"]");
        assertThat(problems).as("answers that are not CompreFace's").isEmpty();
    }
}
