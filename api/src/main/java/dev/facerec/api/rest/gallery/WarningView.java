package dev.facerec.api.rest.gallery;

import dev.facerec.core.usecase.IdentifyFaces;
import java.util.List;

/**
 * Something the operator should know about identification in a gallery of this size.
 *
 * @param code machine-readable: {@code BEYOND_CALIBRATION}, {@code TRUE_MATCHES_LOST} or {@code FPIR_ABOVE_TARGET}
 * @param message what it means and what to do, for a person
 */
public record WarningView(String code, String message) {
    public static List<WarningView> of(List<IdentifyFaces.Warning> warnings) {
        return warnings.stream()
                .map(warning -> new WarningView(warning.code(), warning.message()))
                .toList();
    }
}
