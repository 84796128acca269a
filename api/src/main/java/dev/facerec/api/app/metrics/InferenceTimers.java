package dev.facerec.api.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one timer name of the pipeline stages, {@code facerec.inference} (Prometheus: {@code
 * facerec_inference_seconds}). Every stage carries the same tag keys, {@code stage} and {@code model}, because the
 * Prometheus registry refuses one name with different key sets; a stage without a model says {@code none}. Tags stay
 * bounded: no gallery, person or request ids.
 */
final class InferenceTimers {
    static final String NAME = "facerec.inference";
    static final String NO_MODEL = "none";

    private InferenceTimers() {}

    static Timer timer(MeterRegistry registry, String stage, String model, String description) {
        return Timer.builder(NAME)
                .description(description)
                .tag("stage", stage)
                .tag("model", model)
                .publishPercentileHistogram()
                .register(registry);
    }
}
