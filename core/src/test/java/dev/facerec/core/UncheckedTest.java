package dev.facerec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class UncheckedTest {
    @Test
    void anUncheckedExceptionPassesAsItIs() {
        IllegalArgumentException cause = new IllegalArgumentException("bad");
        assertThat(Unchecked.rethrown(cause)).isSameAs(cause);
    }

    @Test
    void anErrorIsThrownAtOnce() {
        OutOfMemoryError cause = new OutOfMemoryError("heap");
        assertThatThrownBy(() -> Unchecked.rethrown(cause)).isSameAs(cause);
    }

    @Test
    void aCheckedExceptionIsWrapped() {
        IOException cause = new IOException("disk");
        assertThat(Unchecked.rethrown(cause))
                .isInstanceOf(IllegalStateException.class)
                .hasCause(cause);
    }
}
