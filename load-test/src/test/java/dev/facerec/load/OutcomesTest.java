package dev.facerec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomesTest {
    private static final long STEP = 10_000;
    private static final long T0 = 1_000_000;

    @Test
    void tellsSheddingFromErrorsAndPhotoRefusals() {
        assertEquals("ok", Outcomes.outcome(200, null));
        assertEquals("ok", Outcomes.outcome(201, null));
        assertEquals("refused", Outcomes.outcome(422, "NO_FACE"));
        assertEquals("refused", Outcomes.outcome(422, "MULTIPLE_FACES"));
        assertEquals("error", Outcomes.outcome(422, "IMAGE_UNREADABLE"));
        assertEquals("shed", Outcomes.outcome(503, "UNAVAILABLE"));
        assertEquals("shed", Outcomes.outcome(503, "REQUEST_TIMEOUT"));
        assertEquals("error", Outcomes.outcome(500, null));
        assertEquals("error", Outcomes.outcome(429, "RATE_LIMITED"));
        assertEquals("error", Outcomes.outcome(null, null));
    }

    @Test
    void attributesRequestsToTheStepTheyWereSentIn() {
        Outcomes outcomes = new Outcomes(STEP, 1000);
        long first = outcomes.sent("detect", T0);
        long late = outcomes.sent("detect", T0 + STEP - 1);
        outcomes.completed(first, 200, null, 50, T0 + 50);
        // answered in step 1, sent in step 0
        outcomes.completed(late, 200, null, 50, T0 + STEP + 49);
        assertEquals(0, outcomes.stepAt(T0 + STEP - 1));
        assertEquals(1, outcomes.stepAt(T0 + STEP));
        assertEquals(new Outcomes.Verdict(2, 0, 0), outcomes.verdict(0, T0 + STEP + 100));
        assertEquals(new Outcomes.Verdict(0, 0, 0), outcomes.verdict(1, T0 + STEP + 100));
    }

    @Test
    void aStepIsSaturatedByShedding() {
        Outcomes outcomes = new Outcomes(STEP, 1000);
        for (int i = 0; i < 99; i++) {
            outcomes.completed(outcomes.sent("identify", T0 + i), 200, null, 20, T0 + i + 20);
        }
        outcomes.completed(outcomes.sent("identify", T0 + 100), 503, "UNAVAILABLE", 2000, T0 + 2100);
        assertFalse(outcomes.verdict(0, T0 + STEP).saturated(), "1 shed in 100 is within 1%");
        outcomes.completed(outcomes.sent("identify", T0 + 101), 503, "REQUEST_TIMEOUT", 30, T0 + 131);
        assertTrue(outcomes.verdict(0, T0 + STEP).saturated(), "2 shed in 101 is past 1%");
    }

    @Test
    void aStepIsSaturatedByRequestsStillWaitingPastTheLimit() {
        Outcomes outcomes = new Outcomes(STEP, 1000);
        for (int i = 0; i < 18; i++) {
            outcomes.completed(outcomes.sent("detect", T0 + i), 200, null, 20, T0 + i + 20);
        }
        outcomes.sent("detect", T0 + 100);
        outcomes.sent("detect", T0 + 200);
        assertFalse(outcomes.verdict(0, T0 + 1000).saturated(), "waiting, but not yet past the limit");
        assertEquals(new Outcomes.Verdict(20, 0, 2), outcomes.verdict(0, T0 + 1300));
        assertTrue(outcomes.verdict(0, T0 + 1300).saturated(), "2 of 20 slower than the limit: p95 is past it");
        assertFalse(outcomes.drained());
    }

    @Test
    void judgesAStepOnceTheNextHasStarted() {
        Outcomes outcomes = new Outcomes(STEP, 1000);
        outcomes.completed(outcomes.sent("detect", T0), 500, null, 5, T0 + 5);
        assertEquals(OptionalInt.empty(), outcomes.saturatedStep(T0 + STEP - 1));
        assertEquals(OptionalInt.of(0), outcomes.saturatedStep(T0 + STEP));
        assertTrue(outcomes.drained());
    }

    @Test
    void writesALinePerEndpointAndOneForTheStep(@TempDir Path dir) throws IOException {
        Outcomes outcomes = new Outcomes(STEP, 1000);
        outcomes.completed(outcomes.sent("detect", T0), 200, null, 10, T0 + 10);
        outcomes.completed(outcomes.sent("detect", T0 + 1), 200, null, 30, T0 + 31);
        outcomes.completed(outcomes.sent("compare", T0 + 2), 422, "NO_FACE", 20, T0 + 22);
        outcomes.completed(outcomes.sent("compare", T0 + 3), 503, "UNAVAILABLE", 2000, T0 + 2003);
        outcomes.sent("compare", T0 + 4);
        outcomes.write(dir, "test", step -> 5 + step, T0 + STEP);

        List<LoadReport.Row> rows = LoadReport.read(dir.resolve("results-test.tsv"));
        assertEquals(
                List.of("compare", "detect", "ALL"),
                rows.stream().map(row -> row.text("endpoint")).toList());
        LoadReport.Row compare = rows.get(0);
        assertEquals(3, compare.number("sent"));
        assertEquals(1, compare.number("refused"));
        assertEquals(1, compare.number("shed"));
        assertEquals(1, compare.number("unanswered"));
        assertEquals("422 NO_FACE:1, 503 UNAVAILABLE:1", compare.text("statuses"));
        LoadReport.Row all = rows.get(2);
        assertEquals(5, all.number("sent"));
        assertEquals(2, all.number("ok"));
        assertEquals(5.0, all.arrivals());
        assertEquals(10, all.number("seconds"));
        assertEquals(20, all.number("p50_ms"), "p50 of the answered (ok and refused): 10, 20, 30");
        assertEquals(30, all.number("max_ms"));
        assertEquals(2000, all.number("all_p95_ms"));
        assertEquals("true", all.text("saturated"), "1 shed and 1 unanswered past the limit of 5 sent");
    }

    @Test
    void percentileIsTheNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, Outcomes.percentile(sorted, 0.50));
        assertEquals(10, Outcomes.percentile(sorted, 0.95));
        assertEquals(0, Outcomes.percentile(new long[0], 0.5));
    }
}
