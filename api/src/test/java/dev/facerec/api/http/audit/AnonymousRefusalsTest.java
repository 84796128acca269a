package dev.facerec.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.core.account.Role;
import dev.facerec.core.audit.AuditEvent;
import dev.facerec.core.audit.AuditEvent.ActorKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnonymousRefusalsTest {
    private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static AuditEvent refusal(Instant at, String actor, String address, int status, String targetId) {
        return AuditEvent.single(
                UUID.randomUUID(),
                at,
                actor,
                ActorKind.ANONYMOUS,
                null,
                null,
                "person.read",
                targetId == null ? null : "person",
                targetId,
                null,
                status,
                address,
                "request-" + UUID.randomUUID());
    }

    private double counted(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void onlyFourHundredsOfCallersWithoutCredentialsAreCounted() {
        assertThat(AnonymousRefusals.applies(refusal(START, "anonymous", "10.0.0.1", 401, null)))
                .isTrue();
        assertThat(AnonymousRefusals.applies(refusal(START, "mallory", "10.0.0.1", 429, null)))
                .as("a failed sign-in, with the name it tried")
                .isTrue();
        assertThat(AnonymousRefusals.applies(refusal(START, "anonymous", "10.0.0.1", 200, null)))
                .as("a refresh that worked")
                .isFalse();
        assertThat(AnonymousRefusals.applies(refusal(START, "anonymous", "10.0.0.1", 500, null)))
                .isFalse();
        AuditEvent byKey = AuditEvent.single(
                UUID.randomUUID(),
                START,
                "key:frk_0123",
                ActorKind.API_KEY,
                Role.VIEWER,
                "alice",
                "api-key.list",
                null,
                null,
                null,
                403,
                "10.0.0.1",
                null);
        assertThat(AnonymousRefusals.applies(byKey))
                .as("an authenticated refusal keeps a row")
                .isFalse();
    }

    @Test
    void oneEventPerWindowActorStatusAndAddressKeepingWhatTheRequestsShared() {
        var refusals = new AnonymousRefusals(Duration.ofMinutes(1), 100, registry);
        String person = UUID.randomUUID().toString();
        for (int i = 0; i < 10; i++) {
            refusals.add(refusal(START.plusSeconds(i), "anonymous", "10.0.0.1", 401, person));
        }
        refusals.add(refusal(START.plusSeconds(5), "anonymous", "10.0.0.2", 401, person));
        refusals.add(refusal(START.plusSeconds(6), "anonymous", "10.0.0.2", 401, "another"));
        refusals.add(refusal(START.plusSeconds(61), "anonymous", "10.0.0.1", 401, person));

        assertThat(refusals.takeEnded(START.plusSeconds(59)))
                .as("the window is still open")
                .isEmpty();
        List<AuditEvent> ended = refusals.takeEnded(START.plusSeconds(60));
        assertThat(ended).hasSize(2);
        AuditEvent first = ended.stream()
                .filter(e -> e.clientAddress().equals("10.0.0.1"))
                .findFirst()
                .orElseThrow();
        assertThat(first.occurrences()).isEqualTo(10);
        assertThat(first.at()).isEqualTo(START);
        assertThat(first.lastAt()).isEqualTo(START.plusSeconds(9));
        assertThat(first.targetId()).as("shared by all ten").isEqualTo(person);
        assertThat(first.requestId()).isNull();
        AuditEvent second = ended.stream()
                .filter(e -> e.clientAddress().equals("10.0.0.2"))
                .findFirst()
                .orElseThrow();
        assertThat(second.occurrences()).isEqualTo(2);
        assertThat(second.targetId()).as("not shared").isNull();
        assertThat(second.targetType()).isNull();

        assertThat(refusals.takeAll())
                .singleElement()
                .satisfies(e -> assertThat(e.occurrences()).isEqualTo(1));
        assertThat(refusals.size()).isZero();
        assertThat(counted("facerec.audit.refusals.aggregated")).isEqualTo(13);
    }

    @Test
    void pastTheBoundRefusalsAreCountedInTheOverflowEventOfTheirStatus() {
        var refusals = new AnonymousRefusals(Duration.ofMinutes(1), 5, registry);
        int sent = 0;
        for (int address = 0; address < 50; address++) {
            for (int status : new int[] {401, 403}) {
                refusals.add(refusal(START.plusMillis(address), "anonymous", "10.0.1." + address, status, null));
                sent++;
            }
        }
        assertThat(refusals.size()).as("memory is bounded").isLessThanOrEqualTo(5 + 2);

        List<AuditEvent> events = refusals.takeAll();
        assertThat(events.stream().mapToInt(AuditEvent::occurrences).sum())
                .as("every refusal counted")
                .isEqualTo(sent);
        assertThat(events.stream().filter(e -> e.action().equals(AnonymousRefusals.OVERFLOW_ACTION)))
                .hasSize(2)
                .allSatisfy(overflow -> {
                    assertThat(overflow.clientAddress()).isNull();
                    assertThat(overflow.actor()).isEqualTo("anonymous");
                });
        assertThat(counted("facerec.audit.refusals.overflow")).isEqualTo(sent - 5);
        assertThat(counted("facerec.audit.refusals.aggregated")).isEqualTo(sent);
    }
}
