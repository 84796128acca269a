package dev.facerec.api.rest.formats;

import static dev.facerec.api.http.policy.Access.Level.VIEWER;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import dev.facerec.api.app.config.MlProperties;
import dev.facerec.api.app.config.UploadProperties;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.image.ImageFormat;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells clients what they may upload, so they can check before sending. */
@RestController
class SupportedFormatsController {
    private final SupportedFormatsResponse response;

    SupportedFormatsController(ImageDecoder decoder, UploadProperties upload, MlProperties ml) {
        // Fixed for the life of the process: computed once.
        this.response = new SupportedFormatsResponse(
                decoder.supportedFormats().stream().map(Format::of).toList(),
                upload.maxBytes().toBytes(),
                ml.maxPixels());
    }

    @Operation(summary = "What may be uploaded: image formats and limits", operationId = "supportedFormats")
    @Access(VIEWER)
    @Audited("upload.supported-formats")
    @GalleryScope(NONE)
    @GetMapping({"/api/v1/upload/supported-formats", "/upload/supported-formats"})
    SupportedFormatsResponse supportedFormats() {
        return response;
    }

    /**
     * @param maxUploadBytes the largest image file accepted
     * @param maxPixels the largest image accepted, in pixels (width times height)
     */
    record SupportedFormatsResponse(List<Format> formats, long maxUploadBytes, long maxPixels) {}

    record Format(String name, String mediaType, List<String> extensions, String notes, String decoder) {
        static Format of(ImageFormat format) {
            return new Format(format.name(), format.mediaType(), format.extensions(), format.notes(), format.decoder());
        }
    }
}
