package dev.facerec.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.Role;
import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditEvent.ActorKind;
import dev.facerec.core.audit.AuditEvent.Outcome;
import dev.facerec.core.audit.AuditLog;
import dev.facerec.core.audit.AuditQuery;
import dev.facerec.core.person.Page;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract of the audit log, for every database. Tests share the table, so each uses actors or ids of its own,
 * or a time range no other test writes in.
 */
abstract class AuditLogContractTest extends RepositoryContractTest {
    private static final Instant BASE = Instant.parse("2031-05-04T10:15:30.123456Z");

    private AuditLog log;

    @BeforeAll
    void auditLog() {
        log = context.getBean(AuditLog.class);
    }

    private static AuditEvent event(Instant at, String actor, String action, String targetId, UUID galleryId) {
        return new AuditEvent(
                UUID.randomUUID(),
                at,
                actor,
                ActorKind.USER,
                Role.OPERATOR,
                null,
                action,
                targetId == null ? null : "person",
                targetId,
                galleryId,
                204,
                Outcome.SUCCESS,
                "10.1.2.3",
                "req-" + UUID.randomUUID(),
                1,
                null);
    }

    @Test
    void anEventIsReadBackExactlyAsItWasStoredWithNullsKept() {
        String actor = RepositoryContractTest.uniqueName("actor");
        AuditEvent full = event(
                BASE.plusSeconds(1), actor, "person.delete", UUID.randomUUID().toString(), UUID.randomUUID());
        AuditEvent bare = new AuditEvent(
                UUID.randomUUID(),
                BASE,
                actor,
                ActorKind.ANONYMOUS,
                null,
                null,
                "auth.login.failed",
                null,
                null,
                null,
                401,
                Outcome.DENIED,
                null,
                null,
                1,
                null);
        log.record(List.of(full, bare));

        Page<AuditEvent> page = log.query(new AuditQuery(actor, null, null, null, null, null, null, 0, 10));
        assertThat(page.items()).containsExactly(full, bare);
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void filtersCombineAndEachNarrowsTheResult() {
        String actor = RepositoryContractTest.uniqueName("filter");
        String other = RepositoryContractTest.uniqueName("other");
        UUID gallery = UUID.randomUUID();
        String person = UUID.randomUUID().toString();
        AuditEvent create = event(BASE.plusSeconds(10), actor, "person.create", person, gallery);
        AuditEvent delete = event(BASE.plusSeconds(20), actor, "person.delete", person, gallery);
        AuditEvent elsewhere = event(
                BASE.plusSeconds(30), actor, "person.delete", UUID.randomUUID().toString(), null);
        AuditEvent someoneElse = event(BASE.plusSeconds(40), other, "person.delete", person, gallery);
        log.record(List.of(create, delete, elsewhere, someoneElse));

        assertThat(find(new AuditQuery(actor, null, null, null, null, null, null, 0, 10)))
                .containsExactly(elsewhere, delete, create);
        assertThat(find(new AuditQuery(actor, null, "person.delete", null, null, null, null, 0, 10)))
                .containsExactly(elsewhere, delete);
        assertThat(find(new AuditQuery(null, null, null, person, null, null, null, 0, 10)))
                .containsExactly(someoneElse, delete, create);
        assertThat(find(new AuditQuery(actor, null, null, null, gallery, null, null, 0, 10)))
                .containsExactly(delete, create);
        assertThat(find(new AuditQuery(null, null, "person.delete", person, gallery, null, null, 0, 10)))
                .containsExactly(someoneElse, delete);
        assertThat(find(new AuditQuery(
                        actor, null, null, null, null, BASE.plusSeconds(20), BASE.plusSeconds(30), 0, 10)))
                .as("from is inclusive, to exclusive")
                .containsExactly(delete);
        assertThat(find(new AuditQuery("nobody-" + UUID.randomUUID(), null, null, null, null, null, null, 0, 10)))
                .isEmpty();
    }

    @Test
    void pagesAreNewestFirstWithoutGapsOrRepeats() {
        String actor = RepositoryContractTest.uniqueName("pager");
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(event(BASE.plus(i, ChronoUnit.MILLIS), actor, "identify", null, null));
        }
        log.record(events);

        List<AuditEvent> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            Page<AuditEvent> found = log.query(new AuditQuery(actor, null, null, null, null, null, null, page, 3));
            assertThat(found.total()).isEqualTo(7);
            assertThat(found.page()).isEqualTo(page);
            assertThat(found.size()).isEqualTo(3);
            seen.addAll(found.items());
        }
        assertThat(seen).containsExactlyElementsOf(events.reversed());
        assertThat(log.query(new AuditQuery(actor, null, null, null, null, null, null, 5, 3))
                        .items())
                .isEmpty();
    }

    @Test
    void aBatchIsStoredAllOrNone() {
        String actor = RepositoryContractTest.uniqueName("atomic");
        AuditEvent first = event(BASE, actor, "gallery.create", null, null);
        log.record(List.of(first));
        AuditEvent fresh = event(BASE.plusSeconds(1), actor, "gallery.create", null, null);
        assertThatThrownBy(() -> log.record(List.of(fresh, first))).isInstanceOf(RuntimeException.class);
        assertThat(find(new AuditQuery(actor, null, null, null, null, null, null, 0, 10)))
                .as("the fresh event went with the failed batch")
                .containsExactly(first);
    }

    @Test
    void textTooLongForItsColumnIsCutNotRefused() {
        String actor = RepositoryContractTest.uniqueName("long") + "x".repeat(300);
        AuditEvent event = new AuditEvent(
                UUID.randomUUID(),
                BASE,
                actor,
                ActorKind.ANONYMOUS,
                null,
                null,
                "auth.login.failed",
                null,
                "t".repeat(100),
                null,
                401,
                Outcome.DENIED,
                "a".repeat(100),
                "r".repeat(100),
                1,
                null);
        log.record(List.of(event));
        assertThat(find(new AuditQuery(event.actor(), null, null, null, null, null, null, 0, 1)))
                .singleElement()
                .satisfies(stored -> {
                    assertThat(stored.actor()).hasSize(AuditEvent.MAX_ACTOR_LENGTH);
                    assertThat(stored.targetId()).hasSize(AuditEvent.MAX_ID_LENGTH);
                });
    }

    @Test
    void anApiKeysOwnerAndARowStandingForManyRequestsAreReadBackAndFiltered() {
        String owner = RepositoryContractTest.uniqueName("owner");
        String key = "key:" + RepositoryContractTest.uniqueName("frk");
        AuditEvent byKey = AuditEvent.single(
                UUID.randomUUID(),
                BASE.plusSeconds(50),
                key,
                ActorKind.API_KEY,
                Role.OPERATOR,
                owner,
                "gallery.create",
                "gallery",
                UUID.randomUUID().toString(),
                null,
                201,
                "10.1.2.3",
                "req-" + UUID.randomUUID());
        String address = RepositoryContractTest.uniqueName("addr");
        AuditEvent flood = new AuditEvent(
                UUID.randomUUID(),
                BASE.plusSeconds(60),
                "anonymous",
                ActorKind.ANONYMOUS,
                null,
                null,
                "person.list",
                null,
                null,
                null,
                401,
                Outcome.DENIED,
                address,
                null,
                2000,
                BASE.plusSeconds(119).plusNanos(999_999_000));
        log.record(List.of(byKey, flood));

        assertThat(find(new AuditQuery(null, owner, null, null, null, null, null, 0, 10)))
                .containsExactly(byKey);
        assertThat(find(new AuditQuery(key, null, null, null, null, null, null, 0, 10)))
                .singleElement()
                .satisfies(stored -> assertThat(stored.keyOwner()).isEqualTo(owner));
        assertThat(find(new AuditQuery(
                                "anonymous", null, "person.list", null, null, BASE, BASE.plusSeconds(61), 0, 500))
                        .stream()
                        .filter(e -> address.equals(e.clientAddress())))
                .containsExactly(flood);
    }

    @Test
    void theRetentionDeletesOlderEventsInBatchesAndKeepsNewerOnes() {
        // Long before anything the other tests write, which this test's deletes must not touch.
        Instant cutoff = Instant.parse("2001-06-01T00:00:00Z");
        String actor = RepositoryContractTest.uniqueName("retained");
        List<AuditEvent> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(event(cutoff.minus(i + 1, ChronoUnit.DAYS), actor, "identify", null, null));
        }
        AuditEvent atCutoff = event(cutoff, actor, "identify", null, null);
        AuditEvent newer = event(cutoff.plus(1, ChronoUnit.DAYS), actor, "identify", null, null);
        log.record(old);
        log.record(List.of(atCutoff, newer));

        assertThat(log.deleteBefore(cutoff, 2)).isEqualTo(2);
        assertThat(find(new AuditQuery(actor, null, null, null, null, null, null, 0, 10)))
                .as("the oldest go first")
                .containsExactly(newer, atCutoff, old.get(0), old.get(1), old.get(2));
        assertThat(log.deleteBefore(cutoff, 2)).isEqualTo(2);
        assertThat(log.deleteBefore(cutoff, 2)).isEqualTo(1);
        assertThat(log.deleteBefore(cutoff, 2)).isZero();
        assertThat(find(new AuditQuery(actor, null, null, null, null, null, null, 0, 10)))
                .containsExactly(newer, atCutoff);
    }

    @Test
    void badQueriesAreTheCallersError() {
        for (Runnable bad : List.<Runnable>of(
                () -> AuditQuery.all(-1, 10),
                () -> AuditQuery.all(0, 0),
                () -> AuditQuery.all(0, AuditQuery.MAX_PAGE_SIZE + 1),
                () -> new AuditQuery(null, null, null, null, null, BASE, BASE.minusSeconds(1), 0, 10))) {
            assertThatThrownBy(bad::run)
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.INVALID_REQUEST));
        }
    }

    private List<AuditEvent> find(AuditQuery query) {
        return log.query(query).items();
    }
}
