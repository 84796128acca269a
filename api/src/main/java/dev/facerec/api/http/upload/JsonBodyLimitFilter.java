package dev.facerec.api.http.upload;

import dev.facerec.api.app.config.UploadProperties;
import dev.facerec.api.http.error.ProblemCode;
import dev.facerec.api.http.error.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps JSON bodies before anything parses them: {@code JSON_MAX_BYTES} (64 KB) in general, and {@code
 * AUTH_JSON_MAX_BYTES} (4 KB) under {@code /api/v1/auth/}, which anyone may call. Every JSON body the API takes is a
 * few hundred bytes, while an unbounded one costs the time to receive it, the memory to parse it and, at sign-in, a
 * password hash over all of it. A larger declared {@code Content-Length} is refused with 413 {@code BODY_TOO_LARGE}
 * before a byte of the body is read; a body without a declared length (chunked) is read up to the limit and refused
 * as soon as it passes it. The connection is closed after a refusal, so the rest of the body is never read.
 *
 * <p>The CompreFace-compatible API ({@code api.compat}) takes images as base64 strings in JSON, as CompreFace does: on
 * its paths a JSON body may hold two images of the upload size.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class JsonBodyLimitFilter extends OncePerRequestFilter {
    static final String AUTH_PATHS = "/api/v1/auth/";
    static final List<String> BASE64_IMAGE_PATHS =
            List.of("/api/v1/recognition/", "/api/v1/detection/", "/api/v1/verification/");

    private final long maxJsonBytes;
    private final long maxAuthJsonBytes;
    private final long maxBase64ImageJsonBytes;

    public JsonBodyLimitFilter(UploadProperties upload) {
        this.maxJsonBytes = upload.maxJsonBytes().toBytes();
        this.maxAuthJsonBytes = upload.maxAuthJsonBytes().toBytes();
        // Base64 makes 4 bytes of 3; two images (a verification's source and target) and the JSON around them.
        this.maxBase64ImageJsonBytes =
                Math.addExact(Math.multiplyExact(upload.maxBytes().toBytes(), 8) / 3, maxJsonBytes);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI();
        long limit = path.startsWith(AUTH_PATHS)
                ? maxAuthJsonBytes
                : BASE64_IMAGE_PATHS.stream().anyMatch(path::startsWith) ? maxBase64ImageJsonBytes : maxJsonBytes;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, limit);
        } else if (declared >= 0) {
            chain.doFilter(request, response);
        } else {
            byte[] body = request.getInputStream().readNBytes(Math.toIntExact(limit + 1));
            if (body.length > limit) {
                refuse(request, response, limit);
            } else {
                chain.doFilter(new ReadBody(request, body), response);
            }
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || "json".equals(type.getSubtypeSuffix());
        } catch (InvalidMediaTypeException e) {
            // Not parsed as JSON either: Spring MVC refuses it as an unsupported media type.
            return false;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        // The unread body is not worth keeping the connection for.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ProblemWriter.write(
                request,
                response,
                ProblemCode.BODY_TOO_LARGE,
                "The JSON body is larger than the " + limit + " bytes " + request.getRequestURI()
                        + " accepts. Send only the documented fields.",
                Map.of("maxBytes", limit));
    }

    /** The request with its body already read, as it was received. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has been read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }
    }
}
