package dev.facerec.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.api.TestHttp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The high-availability topology of docker-compose.ha.yml without Docker: three replicas of api/target/facerec.jar
 * sharing one throwaway PostgreSQL database, the Redis of this machine and one image folder, behind HAProxy with
 * deploy/haproxy/haproxy.cfg (the native stand-in for Traefik). A person enrolled through the load balancer is found
 * by every replica; one replica is SIGKILLed under a steady stream of identify and GET requests and none of them
 * fails; HAProxy marks it DOWN, and routes to it again once it is restarted. Figures are printed.
 */
@TestMethodOrder(OrderAnnotation.class)
class HaTopologyIT {
    private static final Duration START_LIMIT = Duration.ofSeconds(180);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** HAProxy's log line: ... actconn/feconn/beconn/srv_conn/retries queues "request"; '+' marks a redispatch. */
    private static final Pattern RETRIES = Pattern.compile(" \\d+/\\d+/\\d+/\\d+/(\\+?)(\\d+) \\d+/\\d+ \"");

    /*
     * Photos no other test uses: the replicas cache embeddings in the machine's Redis by the image's hash, and
     * ErasureEndToEndIT counts the cache entries of its own photos.
     */
    private static final String ENROLLED = "Abdullah_Gul/Abdullah_Gul_0001.jpg";
    private static final String QUERY = "Abdullah_Gul/Abdullah_Gul_0002.jpg";

    @TempDir
    static Path work;

    private static String database;
    private static final List<Replica> replicas = new ArrayList<>();
    private static LoadBalancer balancer;
    private static TestHttp throughBalancer;
    private static String gallery;
    private static String person;

    @BeforeAll
    static void startThreeReplicasBehindHaproxy() throws Exception {
        assertThat(Scripts.REPOSITORY.resolve("api/target/facerec.jar"))
                .as("the jar that package builds")
                .exists();
        String models = System.getProperty("facerec.models.dir");
        assertThat(models).as("system property facerec.models.dir").isNotNull();
        database = "facerec_ha_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Scripts.postgres("create database " + database);

        // Development mode, but with the secrets set: generated ones would differ per replica, and a token signed by
        // one replica would be refused by the next.
        var shared = Scripts.replicaSettings(models, work.resolve("data"), database);
        shared.put("REDIS_HOST", "127.0.0.1");
        shared.put("REDIS_PORT", "6379");
        // The embedding cache lives in the machine's Redis: entries of this run expire soon after it.
        shared.put("EMBEDDING_CACHE_TTL", "3m");
        // Three replicas on a small machine: one inference thread each.
        shared.put("ML_THREADS", "1");
        for (int i = 1; i <= 3; i++) {
            replicas.add(new Replica("api-" + i, shared, work.resolve("api-" + i + ".log")));
        }

        long started = System.nanoTime();
        // All three at once, as compose starts them: they migrate the same empty database and race to create the
        // first administrator.
        for (Replica replica : replicas) {
            replica.start();
        }
        inParallel(replicas.stream()
                .<Callable<Void>>map(replica -> () -> {
                    replica.awaitReady(START_LIMIT);
                    return null;
                })
                .toList());
        System.out.printf("HA: three replicas ready in %.1f s%n", seconds(System.nanoTime() - started));

        balancer = LoadBalancer.start(
                work, replicas.stream().map(replica -> replica.port).toList());
        throughBalancer = new TestHttp(balancer.port);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (Replica replica : replicas) {
            replica.stop();
        }
        if (balancer != null) {
            balancer.stop();
        }
        if (database != null) {
            Scripts.postgres("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    @Order(1)
    void aPersonEnrolledThroughTheBalancerIsFoundByEveryReplica() throws Exception {
        gallery = created(throughBalancer.postJson("/api/v1/galleries", "{\"name\":\"ha\"}"));
        person = created(throughBalancer.postJson(
                "/api/v1/persons", "{\"name\":\"Abdullah Gul\",\"galleryId\":\"" + gallery + "\"}"));
        HttpResponse<String> face = throughBalancer.postImage("/api/v1/persons/" + person + "/faces", photo(ENROLLED));
        assertThat(face.statusCode()).as(face.body()).isEqualTo(201);

        // Each replica on its own port: the change log brings the enrolment into every in-memory index.
        for (Replica replica : replicas) {
            awaitIdentified(new TestHttp(replica.port), replica.name);
        }
        // Through the balancer: round robin over the three, each answering with the person.
        Map<String, Long> before = sessionsPerReplica();
        for (int i = 0; i < 6; i++) {
            assertThat(identifyFailure(throughBalancer)).isNull();
        }
        Map<String, Long> after = sessionsPerReplica();
        for (Replica replica : replicas) {
            assertThat(after.get(replica.name))
                    .as("requests HAProxy sent to %s", replica.name)
                    .isGreaterThan(before.get(replica.name));
        }
    }

    @Test
    @Order(2)
    void killingAReplicaUnderLoadFailsNoRequest() throws Exception {
        Replica victim = replicas.get(1);
        long killedAt;
        long downAt;
        long windowEnd;
        List<Traffic.Outcome> before;
        List<Traffic.Outcome> during;
        String logBefore = balancer.log();
        try (var traffic = new Traffic(
                3, sequence -> sequence % 2 == 0 ? identifyFailure(throughBalancer) : personFailure(throughBalancer))) {
            Thread.sleep(5_000);
            killedAt = System.nanoTime();
            victim.kill();
            balancer.awaitStatus("DOWN", Duration.ofSeconds(15), victim.name);
            downAt = System.nanoTime();
            // Keep going a while after HAProxy gave up on it: the survivors now carry everything.
            Thread.sleep(3_000);
            windowEnd = System.nanoTime();
            // In flight at the kill counts as during: those are the requests the dead replica had in hand.
            before = traffic.endedBefore(killedAt);
            during = traffic.underWay(killedAt, windowEnd);
        }
        long retried = retriedRequests(balancer.log().substring(logBefore.length()));
        System.out.printf(
                "HA failover: %s SIGKILLed; HAProxy marked it DOWN after %.1f s; %d requests under way from the kill"
                        + " until %.1f s after, %d failed, %d retried by HAProxy on another replica%n",
                victim.name,
                seconds(downAt - killedAt),
                during.size(),
                seconds(windowEnd - downAt),
                Traffic.failures(during).size(),
                retried);
        System.out.printf(
                "HA latency through HAProxy: before the kill p50 %.1f ms, p95 %.1f ms (%d requests); during the"
                        + " failover p50 %.1f ms, p95 %.1f ms%n",
                Traffic.percentileMillis(before, 50),
                Traffic.percentileMillis(before, 95),
                before.size(),
                Traffic.percentileMillis(during, 50),
                Traffic.percentileMillis(during, 95));

        assertThat(Traffic.failures(before)).as("failures before the kill").isEmpty();
        assertThat(during).as("requests during the failover").hasSizeGreaterThan(10);
        assertThat(Traffic.failures(during)).as("failures during the failover").isEmpty();
        assertThat(balancer.servers().get(victim.name).get("status")).startsWith("DOWN");
    }

    @Test
    @Order(3)
    void theRestartedReplicaIsRoutedToAgain() throws Exception {
        Replica restarted = replicas.get(1);
        long started = System.nanoTime();
        restarted.start();
        restarted.awaitReady(START_LIMIT);
        balancer.awaitStatus("UP", Duration.ofSeconds(15), restarted.name);
        System.out.printf(
                "HA: %s ready and back in the rotation %.1f s after its restart%n",
                restarted.name, seconds(System.nanoTime() - started));

        // Its in-memory index was rebuilt from the database: it knows the person enrolled before it died.
        awaitIdentified(new TestHttp(restarted.port), restarted.name);
        long sessions = balancer.sessions(restarted.name);
        for (int i = 0; i < 6; i++) {
            assertThat(identifyFailure(throughBalancer)).isNull();
        }
        assertThat(balancer.sessions(restarted.name))
                .as("requests HAProxy sent to the restarted %s", restarted.name)
                .isGreaterThan(sessions);
    }

    /** What was wrong with an identify answer, or {@code null} when it named the enrolled person. */
    private static String identifyFailure(TestHttp http) throws Exception {
        HttpResponse<String> response = http.postImage("/api/v1/identify", photo(QUERY), "galleryId", gallery);
        if (response.statusCode() != 200) {
            return "identify " + response.statusCode() + " " + response.body();
        }
        JsonNode match = JSON.readTree(response.body()).path("faces").path(0).path("match");
        return person.equals(match.path("personId").asString()) ? null : "identify found " + response.body();
    }

    private static String personFailure(TestHttp http) throws Exception {
        HttpResponse<String> response = http.getText("/api/v1/persons/" + person);
        return response.statusCode() == 200 && response.body().contains(person)
                ? null
                : "GET person " + response.statusCode() + " " + response.body();
    }

    private static void awaitIdentified(TestHttp http, String replica) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String failure;
        do {
            failure = identifyFailure(http);
            if (failure == null) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(replica + " does not identify the enrolled person: " + failure);
    }

    private static Map<String, Long> sessionsPerReplica() throws Exception {
        var sessions = new HashMap<String, Long>();
        for (Replica replica : replicas) {
            sessions.put(replica.name, balancer.sessions(replica.name));
        }
        return sessions;
    }

    /** Requests HAProxy's log shows with at least one retry. */
    private static long retriedRequests(String log) {
        Matcher matcher = RETRIES.matcher(log);
        long retried = 0;
        while (matcher.find()) {
            if (!matcher.group(1).isEmpty() || Integer.parseInt(matcher.group(2)) > 0) {
                retried++;
            }
        }
        return retried;
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), "lfw-dev/images", relative));
    }

    private static void inParallel(List<Callable<Void>> tasks) throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> futures = executor.invokeAll(tasks);
            for (Future<Void> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failure) {
                        throw failure;
                    }
                    throw e;
                }
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
