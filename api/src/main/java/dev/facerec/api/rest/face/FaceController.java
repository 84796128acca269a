package dev.facerec.api.rest.face;

import static dev.facerec.api.http.policy.Access.Level.VIEWER;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import dev.facerec.api.http.error.MissingFieldException;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.face.OperatingPoint;
import dev.facerec.core.usecase.CompareFaces;
import dev.facerec.core.usecase.DetectFaces;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Stateless face operations on uploaded images: nothing is stored. */
@Access(VIEWER)
@GalleryScope(NONE)
@NotIdempotent("reads a photo and changes nothing: a retry answers the same")
@RestController
@RequestMapping("/api/v1/faces")
class FaceController {
    private static final List<String> OPERATING_POINTS = Arrays.stream(OperatingPoint.values())
            .map(point -> point.name().toLowerCase(Locale.ROOT))
            .toList();

    private final DetectFaces detectFaces;
    private final CompareFaces compareFaces;

    FaceController(DetectFaces detectFaces, CompareFaces compareFaces) {
        this.detectFaces = detectFaces;
        this.compareFaces = compareFaces;
    }

    // The parts are optional to Spring so that a missing one, and a request that is not multipart at all, both
    // reach us and are answered with the name of the field.
    @Operation(summary = "Detect the faces in a photo: boxes, landmarks, scores", operationId = "detectFaces")
    @Audited("face.detect")
    @PostMapping("/detect")
    DetectResponse detect(@RequestPart(name = "image", required = false) @Nullable MultipartFile image)
            throws IOException {
        return DetectResponse.of(detectFaces.detect(bytes("image", image)));
    }

    @Operation(summary = "Compare the faces of two photos (1:1)", operationId = "compareFaces")
    @Audited("face.compare")
    @PostMapping("/compare")
    CompareResponse compare(
            @RequestPart(name = "source", required = false) @Nullable MultipartFile source,
            @RequestPart(name = "target", required = false) @Nullable MultipartFile target,
            @RequestParam(name = "operatingPoint", defaultValue = "standard") String operatingPoint)
            throws IOException {
        OperatingPoint point = operatingPoint(operatingPoint);
        byte[] sourceBytes = bytes("source", source);
        byte[] targetBytes = bytes("target", target);
        return CompareResponse.of(compareFaces.compare(sourceBytes, targetBytes, point), point);
    }

    private static byte[] bytes(String field, @Nullable MultipartFile file) throws IOException {
        if (file == null) {
            throw MissingFieldException.imageField(field);
        }
        return file.getBytes();
    }

    private static OperatingPoint operatingPoint(String value) {
        String normalised = value.trim().toLowerCase(Locale.ROOT);
        if (!OPERATING_POINTS.contains(normalised)) {
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "operatingPoint must be one of " + OPERATING_POINTS + ".",
                    Map.of("field", "operatingPoint", "allowed", OPERATING_POINTS));
        }
        return OperatingPoint.valueOf(normalised.toUpperCase(Locale.ROOT));
    }
}
