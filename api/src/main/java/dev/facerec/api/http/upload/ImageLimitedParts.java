package dev.facerec.api.http.upload;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Collection;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A request without a declared length on a path that takes images: its multipart parts, once the container has parsed
 * them (to disk, under the archive upload's larger limits), must each fit the image limit and together the request
 * limit, or the request is refused as too large before any controller reads a part into memory.
 */
final class ImageLimitedParts extends HttpServletRequestWrapper {
    private final long maxPartBytes;
    private final long maxRequestBytes;

    ImageLimitedParts(HttpServletRequest request, long maxPartBytes, long maxRequestBytes) {
        super(request);
        this.maxPartBytes = maxPartBytes;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
        Collection<Part> parts = super.getParts();
        long total = 0;
        for (Part part : parts) {
            if (part.getSize() > maxPartBytes) {
                throw new MaxUploadSizeExceededException(maxPartBytes);
            }
            total += part.getSize();
        }
        if (total > maxRequestBytes) {
            throw new MaxUploadSizeExceededException(maxRequestBytes);
        }
        return parts;
    }

    @Override
    public Part getPart(String name) throws IOException, ServletException {
        getParts();
        return super.getPart(name);
    }
}
