package dev.facerec.api.rest.paging;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.person.PageRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads the {@code page} and {@code size} query parameters of every list endpoint that takes a {@link PageRequest}, so
 * that all of them page alike and answer a bad value with the same 400 naming the parameter, whichever package the
 * controller is in.
 */
final class PageRequestResolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageRequest.class;
    }

    @Override
    public PageRequest resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer container,
            NativeWebRequest request,
            @Nullable WebDataBinderFactory binderFactory) {
        return new PageRequest(number(request, "page", 0), number(request, "size", PageRequest.DEFAULT_SIZE));
    }

    /** An absent or empty parameter is the default, as for {@code @RequestParam(defaultValue = ...)}. */
    private static int number(NativeWebRequest request, String name, int fallback) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            String reason = "must be a whole number";
            throw new FaceException(
                    FaceErrorCode.INVALID_REQUEST,
                    "The parameter '" + name + "' " + reason + ".",
                    Map.of("field", name, "reason", reason));
        }
    }
}
