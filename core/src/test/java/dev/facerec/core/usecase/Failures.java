package dev.facerec.core.usecase;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the core's one exception type. */
final class Failures {
    private Failures() {}

    static FaceException failsWith(FaceErrorCode code, ThrowingCallable call) {
        FaceException[] caught = new FaceException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(FaceException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code);
            caught[0] = e;
        });
        return caught[0];
    }
}
