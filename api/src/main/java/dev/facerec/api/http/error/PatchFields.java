package dev.facerec.api.http.error;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Refuses the fields of a PATCH body that the endpoint does not change, rather than ignoring them: a client that sends
 * {@code galleryId} or {@code password} and gets 200 believes a change was made that was not. The body record collects
 * every field it does not declare with {@code @JsonAnySetter}.
 */
public final class PatchFields {
    private PatchFields() {}

    /**
     * @param others the body's fields that the endpoint does not change; null or empty passes
     * @param changeable the fields it does change, named in the answer
     * @param reasons for fields a client may expect to change (read-only ones), why not and what to do instead
     * @throws FaceException {@code INVALID_REQUEST} naming the first such field in {@code details.field}
     */
    public static void refuseOthers(
            @Nullable Map<String, ?> others, List<String> changeable, Map<String, String> reasons) {
        requireNonNull(changeable, "changeable is null");
        requireNonNull(reasons, "reasons is null");
        if (others == null || others.isEmpty()) {
            return;
        }
        String field = others.keySet().iterator().next();
        String reason = reasons.getOrDefault(field, "it is not a field this PATCH knows.");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("reason", "cannot be changed");
        details.put("changeable", changeable);
        throw new FaceException(
                FaceErrorCode.INVALID_REQUEST,
                "The field '" + field + "' cannot be changed: " + reason + " PATCH changes only "
                        + String.join(", ", changeable) + ".",
                details);
    }
}
