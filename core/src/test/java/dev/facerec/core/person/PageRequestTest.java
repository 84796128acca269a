package dev.facerec.core.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {
    @Test
    void slicesAListAndCountsIt() {
        List<String> all = List.of("a", "b", "c", "d", "e");
        assertThat(new PageRequest(0, 2).of(all)).isEqualTo(new Page<>(List.of("a", "b"), 0, 2, 5));
        assertThat(new PageRequest(2, 2).of(all)).isEqualTo(new Page<>(List.of("e"), 2, 2, 5));
        assertThat(new PageRequest(3, 2).of(all).items()).isEmpty();
        assertThat(new PageRequest(Integer.MAX_VALUE, PageRequest.MAX_SIZE)
                        .of(all)
                        .items())
                .as("an offset past Integer.MAX_VALUE is simply past the end")
                .isEmpty();
        assertThat(new PageRequest(Integer.MAX_VALUE, PageRequest.MAX_SIZE).offset())
                .isEqualTo((long) Integer.MAX_VALUE * PageRequest.MAX_SIZE);
    }

    @Test
    void refusesAPageOrSizeOutOfRangeNamingTheField() {
        for (int[] bad : new int[][] {{-1, 10, 0}, {0, 0, 1}, {0, PageRequest.MAX_SIZE + 1, 1}}) {
            assertThatThrownBy(() -> new PageRequest(bad[0], bad[1])).isInstanceOfSatisfying(FaceException.class, e -> {
                assertThat(e.code()).isEqualTo(FaceErrorCode.INVALID_REQUEST);
                assertThat(e.details()).containsEntry("field", bad[2] == 0 ? "page" : "size");
            });
        }
        assertThat(new PageRequest(0, PageRequest.MAX_SIZE).size()).isEqualTo(500);
    }
}
