package dev.facerec.api.rest.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.BoundingBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaceBoxTest {
    @Test
    void readsTheBoxAsAMultipleFacesAnswerWritesIt() {
        assertThat(FaceBox.parse("203.5, 18,88.25,92")).hasValue(new BoundingBox(203.5f, 18, 88.25f, 92));
        assertThat(FaceBox.parse(null)).isEmpty();
        assertThat(FaceBox.parse("  ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"1,2,3", "1,2,3,4,5", "a,b,c,d", "1,2,0,4", "1,2,-3,4", "NaN,2,3,4", "1,2,Infinity,4", "1,,3,4"})
    void refusesAnythingElseWithAnInvalidRequest(String field) {
        assertThatThrownBy(() -> FaceBox.parse(field))
                .isInstanceOf(FaceException.class)
                .satisfies(e -> assertThat(((FaceException) e).code()).isEqualTo(FaceErrorCode.INVALID_REQUEST))
                .hasMessageContaining("x,y,width,height");
    }

    @Test
    void refusesAnOverlongFieldWithoutSplittingIt() {
        assertThatThrownBy(() -> FaceBox.parse("1,".repeat(10_000) + "1")).isInstanceOf(FaceException.class);
    }
}
