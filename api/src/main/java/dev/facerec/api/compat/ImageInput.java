package dev.facerec.api.compat;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The images of a CompreFace call: multipart parts with a file name (CompreFace refuses a name without an image
 * extension; the phone formats facerec reads are accepted too), or base64 strings in a JSON body. The bytes are
 * decoded whatever the name says. JSON bodies are capped by the service's JSON limit, which allows a base64 image of
 * the upload size on these paths.
 */
final class ImageInput {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> EXTENSIONS =
            Set.of("tif", "tiff", "jpg", "jpeg", "png", "bmp", "ico", "gif", "webp", "heic", "heif", "avif", "jfif");

    private final HttpServletRequest request;
    private JsonNode json;

    ImageInput(HttpServletRequest request) {
        this.request = request;
    }

    /** Whether the body is JSON (the base64 form). */
    boolean isJson() {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The image in the multipart part, or the JSON field, {@code name}.
     *
     * @param jsonField how CompreFace names the field in its "cannot be empty" message
     */
    byte[] image(String name, String jsonField) {
        if (isJson()) {
            JsonNode value = body().get(name);
            if (value == null
                    || value.isNull()
                    || (value.isString() && value.asString().isEmpty())) {
                throw CompreFaceException.emptyField(jsonField);
            }
            if (!value.isString()) {
                throw notBase64();
            }
            try {
                return Base64.getMimeDecoder().decode(strict(value.asString()));
            } catch (IllegalArgumentException e) {
                throw notBase64();
            }
        }
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            throw CompreFaceException.missingPart(name);
        }
        MultipartFile file = multipart.getFile(name);
        if (file == null) {
            throw CompreFaceException.missingPart(name);
        }
        String filename = file.getOriginalFilename();
        String extension = filename == null || filename.lastIndexOf('.') < 0
                ? ""
                : filename.substring(filename.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (!EXTENSIONS.contains(extension)) {
            throw new CompreFaceException(
                    HttpStatus.BAD_REQUEST, 21, "File [" + filename + "] has an unavailable extension");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON body as an object; anything else is refused in CompreFace's words. */
    JsonNode body() {
        JsonNode body = json();
        if (!body.isObject()) {
            throw CompreFaceException.invalid("The body must be a JSON object; ");
        }
        return body;
    }

    /** The JSON body, read once, whatever the declared type (CompreFace's clients do not all declare it). */
    JsonNode json() {
        if (json == null) {
            try {
                json = JSON.readTree(request.getInputStream());
            } catch (JacksonException | IOException e) {
                throw CompreFaceException.invalid("The body is not valid JSON; ");
            }
            if (json == null || json.isMissingNode()) {
                throw CompreFaceException.invalid("The body is empty; a JSON body is expected; ");
            }
        }
        return json;
    }

    /** Plain base64 only: CompreFace refuses a {@code data:} URL, and so does this. */
    private static String strict(String value) {
        if (!value.matches("[A-Za-z0-9+/=\\s_-]*")) {
            throw notBase64();
        }
        return value.replace('-', '+').replace('_', '/');
    }

    private static CompreFaceException notBase64() {
        return new CompreFaceException(HttpStatus.BAD_REQUEST, 21, "Provided value is not Base64");
    }
}
