package dev.facerec.api.compat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * CompreFace's refusal of a request without a key ({@code 400}, code 20), before the key itself is checked. Headers
 * are matched in any case; CompreFace's clients all send {@code x-api-key}. A browser's CORS preflight carries no key
 * and passes (it is answered by the CORS filter before this one).
 */
final class CompreFaceKeyRequired extends OncePerRequestFilter {
    static final String HEADER = "x-api-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if ((key == null || key.isBlank()) && !CorsUtils.isPreFlightRequest(request)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream()
                    .write(JSON.writeValueAsBytes(new CompreFaceErrorBody("Missing header: " + HEADER, 20)));
            return;
        }
        chain.doFilter(request, response);
    }
}
