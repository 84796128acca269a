package dev.facerec.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.StringBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.BodyPart;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests of the load test, each as a client sends it (multipart fields and routes as in docs/api.md), and the
 * mix one arrival draws from.
 *
 * <p>The mix: 80% of arrivals send an LFW 250x250 crop (detect 25%, identify 20% (seven in ten of someone enrolled),
 * compare 15% (the LFW verification pairs), verify against an enrolled person 10%, enrolment of a new person 10%: one
 * JSON request and one upload); 20% send a phone-size photo (12-14 MP JPEG, or HEIC/AVIF where the service reads
 * them): detect 8%, identify 6%, detect of a HEIC/AVIF photo 6% (a JPEG when the service reads neither).
 */
final class Traffic {
    /** The problem body's {@code code}; a regex, so that an answer that is not JSON does not fail the check. */
    private static final String PROBLEM_CODE = "\"code\"\\s*:\\s*\"([A-Z_]+)\"";

    private static final AtomicLong PEOPLE = new AtomicLong();

    private final LoadSettings settings;
    private final Photos photos;
    private final Outcomes outcomes;

    Traffic(LoadSettings settings, Photos photos, Outcomes outcomes) {
        this.settings = settings;
        this.photos = photos;
        this.outcomes = outcomes;
    }

    HttpProtocolBuilder protocol() {
        return http.baseUrl(settings.baseUrl())
                .header("X-API-Key", settings.apiKey())
                .acceptHeader("application/json")
                // Gatling's default warm-up calls a host on the internet; this calls the service's liveness probe.
                .warmUp(settings.baseUrl() + "/health/live")
                // One connection pool for all arrivals, as one client application keeps its connections.
                .shareConnections();
    }

    /** One arrival: one request (two for an enrolment) drawn from the mix. */
    ChainBuilder mix() {
        ChainBuilder heifOrJpeg = photos.hasHeifs() ? detectHeif() : detectPhone("detect phone-jpeg");
        return randomSwitch()
                .on(
                        percent(25).then(detectLfw()),
                        percent(20).then(identifyLfw()),
                        percent(15).then(compareLfw()),
                        percent(10).then(verifyLfw()),
                        percent(10).then(enrolLfw()),
                        percent(8).then(detectPhone("detect phone-jpeg")),
                        percent(6).then(identifyPhone()),
                        percent(6).then(heifOrJpeg));
    }

    private ChainBuilder detectLfw() {
        return withPhoto(session -> photos.anyLfw())
                .exec(timed(
                        "detect lfw",
                        http("detect lfw").post("/api/v1/faces/detect").bodyPart(photo("image"))));
    }

    private ChainBuilder detectPhone(String name) {
        return withPhoto(session -> photos.phoneJpeg())
                .exec(timed(name, http(name).post("/api/v1/faces/detect").bodyPart(photo("image"))));
    }

    private ChainBuilder detectHeif() {
        return withPhoto(session -> photos.heif())
                .exec(timed(
                        "detect heic-avif",
                        http("detect heic-avif").post("/api/v1/faces/detect").bodyPart(photo("image"))));
    }

    private ChainBuilder identifyLfw() {
        return withPhoto(session -> Math.random() < 0.7 ? photos.person().probe() : photos.stranger())
                .exec(timed("identify lfw", identify("identify lfw")));
    }

    private ChainBuilder identifyPhone() {
        return withPhoto(session -> photos.phoneJpeg())
                .exec(timed("identify phone-jpeg", identify("identify phone-jpeg")));
    }

    private HttpRequestActionBuilder identify(String name) {
        return http(name)
                .post("/api/v1/identify")
                .bodyPart(photo("image"))
                .bodyPart(StringBodyPart("galleryId", settings.galleryId()));
    }

    private ChainBuilder compareLfw() {
        return exec(session -> {
                    Photos.Pair pair = photos.pair();
                    return session.set("source", pair.left()).set("target", pair.right());
                })
                .exec(timed(
                        "compare lfw",
                        http("compare lfw")
                                .post("/api/v1/faces/compare")
                                .bodyPart(photo("source", "source"))
                                .bodyPart(photo("target", "target"))));
    }

    private ChainBuilder verifyLfw() {
        return exec(session -> {
                    Photos.Person person = photos.person();
                    return session.set("personId", person.id()).set("photo", person.probe());
                })
                .exec(timed(
                        "verify lfw",
                        http("verify lfw")
                                .post("/api/v1/persons/#{personId}/verify")
                                .bodyPart(photo("image"))));
    }

    /** A new person in the gallery, then a face: an LFW photo of someone not enrolled during the set-up. */
    private ChainBuilder enrolLfw() {
        return withPhoto(session -> photos.stranger())
                .exec(session -> session.remove("newPersonId"))
                .exec(timed(
                        "enrol: create person",
                        http("enrol: create person")
                                .post("/api/v1/persons")
                                .body(StringBody(session -> "{\"name\":\"load %d\",\"galleryId\":\"%s\"}"
                                        .formatted(PEOPLE.incrementAndGet(), settings.galleryId())))
                                .asJson(),
                        jsonPath("$.id").optional().saveAs("newPersonId")))
                .doIf(session -> session.contains("newPersonId"))
                .then(timed(
                        "enrol: add face",
                        http("enrol: add face")
                                .post("/api/v1/persons/#{newPersonId}/faces")
                                .bodyPart(photo("image"))));
    }

    private static ChainBuilder withPhoto(java.util.function.Function<Session, Path> choice) {
        return exec(session -> session.set("photo", choice.apply(session)));
    }

    private static BodyPart photo(String field) {
        return photo(field, "photo");
    }

    /** The file field {@code field} with the photo in session attribute {@code attribute}, made unique. */
    private static BodyPart photo(String field, String attribute) {
        return ByteArrayBodyPart(field, session -> Photos.upload(session.<Path>get(attribute)))
                .fileName(session -> session.<Path>get(attribute).getFileName().toString())
                .contentType(session -> Photos.mediaType(session.<Path>get(attribute)));
    }

    /**
     * The request with its outcome counted in {@link Outcomes}: Gatling's checks pass 2xx and the 422 refusals of a
     * photo without a usable face (a correct answer), and fail everything else, 503 shedding included.
     */
    private ChainBuilder timed(String endpoint, HttpRequestActionBuilder request, CheckBuilder... extraChecks) {
        List<CheckBuilder> checks = new ArrayList<>();
        checks.add(status().saveAs("status"));
        checks.add(responseTimeInMillis().saveAs("responseTime"));
        checks.add(regex(PROBLEM_CODE).optional().saveAs("code"));
        checks.add(status().in(200, 201, 422));
        checks.addAll(List.of(extraChecks));
        return exec(session -> session.removeAll("status", "code", "responseTime")
                        .set("ticket", outcomes.sent(endpoint, now())))
                .exec(request.check(checks)
                        .checkIf((response, session) -> response.status().code() == 422)
                        .then(regex(PROBLEM_CODE).in(List.copyOf(Outcomes.PHOTO_REFUSALS))))
                .exec(session -> {
                    outcomes.completed(
                            session.getLong("ticket"),
                            session.contains("status") ? session.getInt("status") : null,
                            session.contains("code") ? session.getString("code") : null,
                            session.contains("responseTime") ? session.getInt("responseTime") : null,
                            now());
                    return session;
                });
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
