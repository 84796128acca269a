package dev.facerec.api.http.upload;

import dev.facerec.api.app.config.JobProperties;
import dev.facerec.api.app.config.UploadProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds the upload limit before a byte of its body is read,
 * so an oversized upload costs neither memory, disk nor the time to receive it. Requests without a length (chunked)
 * pass and meet the multipart limits instead. The servlet's multipart limits are the archive upload's (the jobs API,
 * {@link #ARCHIVE_PATH}), since one servlet serves every path; a chunked request to any other path therefore has its
 * parts checked against the image limits as soon as they are parsed ({@link ImageLimitedParts}), before a controller
 * reads one into memory. The answer is the same 413 problem as for the multipart limits: the exception goes through
 * Spring MVC's exception resolvers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class UploadSizeFilter extends OncePerRequestFilter {
    /** The one path that takes archives, with a limit of its own. */
    public static final String ARCHIVE_PATH = "/api/v1/jobs/enrollments";

    private final long maxRequestBytes;
    private final long maxPartBytes;
    private final long maxArchiveRequestBytes;
    private final HandlerExceptionResolver resolver;

    public UploadSizeFilter(
            UploadProperties upload,
            JobProperties jobs,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        this.maxRequestBytes = upload.maxRequestBytes().toBytes();
        this.maxPartBytes = upload.maxBytes().toBytes();
        this.maxArchiveRequestBytes = UploadProperties.archiveRequestBytes(jobs).toBytes();
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean archive = ARCHIVE_PATH.equals(request.getRequestURI());
        long limit = archive ? maxArchiveRequestBytes : maxRequestBytes;
        if (request.getContentLengthLong() <= limit) {
            boolean unbounded = !archive && request.getContentLengthLong() < 0;
            chain.doFilter(
                    unbounded ? new ImageLimitedParts(request, maxPartBytes, maxRequestBytes) : request, response);
            return;
        }
        // The unread body is not worth keeping the connection for.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        if (resolver.resolveException(request, response, null, new MaxUploadSizeExceededException(limit)) == null) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        }
    }
}
