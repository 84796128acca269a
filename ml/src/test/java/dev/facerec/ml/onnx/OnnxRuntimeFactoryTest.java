package dev.facerec.ml.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.facerec.ml.MlConfig;
import org.junit.jupiter.api.Test;

/**
 * The device choice with the ONNX Runtime build of this reactor: asking for CUDA where the build or the machine has
 * none falls back to the CPU instead of failing, and the time the check took is measured.
 */
class OnnxRuntimeFactoryTest {
    private static final boolean CUDA_BUILD =
            OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);

    @Test
    void cpuIsUsedWhenAskedFor() {
        OnnxRuntimeFactory factory = OnnxRuntimeFactory.create(MlConfig.Device.CPU);

        assertThat(factory.executionProvider()).isEqualTo("CPU");
        assertThat(factory.checkMillis()).isNotNegative();
    }

    @Test
    void cudaRequestedWithoutTheCudaProviderFallsBackToTheCpu() {
        OnnxRuntimeFactory factory = OnnxRuntimeFactory.create(MlConfig.Device.CUDA);

        // On a GPU build with a usable GPU the answer is CUDA; everywhere else the CPU, never an exception.
        assertThat(factory.executionProvider()).isIn(CUDA_BUILD ? new String[] {"CUDA", "CPU"} : new String[] {"CPU"});
        assertThat(factory.checkMillis()).isNotNegative();
    }

    @Test
    void autoWithoutTheCudaProviderIsTheCpu() {
        assumeFalse(CUDA_BUILD, "a GPU build: AUTO depends on the machine");

        assertThat(OnnxRuntimeFactory.create(MlConfig.Device.AUTO).executionProvider())
                .isEqualTo("CPU");
    }
}
