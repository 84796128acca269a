package dev.facerec.api.http.error;

import static java.util.Objects.requireNonNull;

/** A required request field (a multipart part or a parameter) is absent; answered 400 {@code MISSING_FIELD}. */
public final class MissingFieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public MissingFieldException(String field, String message) {
        super(requireNonNull(message, "message is null"));
        this.field = requireNonNull(field, "field is null");
    }

    /** The missing multipart field, for a request that must carry an image there. */
    public static MissingFieldException imageField(String field) {
        return new MissingFieldException(
                field,
                "The multipart field '" + field + "' is missing or is not a file. Send the image as a file in field '"
                        + field + "' of a multipart/form-data request.");
    }

    public String field() {
        return field;
    }
}
