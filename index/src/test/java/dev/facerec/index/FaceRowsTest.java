package dev.facerec.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FaceRowsTest {
    @Test
    void randomAddsAndRemovesAgreeWithAHashMap() {
        Random random = new Random(3);
        FaceRows rows = new FaceRows();
        Map<UUID, UUID> expected = new HashMap<>();
        List<UUID> present = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (present.isEmpty() || random.nextInt(3) > 0) {
                UUID face = new UUID(random.nextInt(64), random.nextLong()); // shared high bits: collisions
                UUID person = UUID.randomUUID();
                rows.append(face, person);
                expected.put(face, person);
                present.add(face);
            } else {
                UUID face = present.remove(random.nextInt(present.size()));
                rows.removeRow(rows.find(face));
                expected.remove(face);
                assertThat(rows.find(face)).isEqualTo(-1);
            }
        }
        assertThat(rows.size()).isEqualTo(expected.size());
        expected.forEach((face, person) -> {
            int row = rows.find(face);
            assertThat(rows.faceId(row)).isEqualTo(face);
            assertThat(rows.personId(row)).isEqualTo(person);
        });
    }

    @Test
    void removingMovesTheLastRowIntoTheHole() {
        FaceRows rows = new FaceRows();
        UUID first = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        rows.append(first, UUID.randomUUID());
        rows.append(UUID.randomUUID(), UUID.randomUUID());
        rows.append(last, UUID.randomUUID());
        assertThat(rows.removeRow(rows.find(first))).isEqualTo(2);
        assertThat(rows.find(last)).isZero();
        assertThat(rows.removeRow(rows.find(last))).isEqualTo(1);
        assertThat(rows.size()).isEqualTo(1);
    }
}
