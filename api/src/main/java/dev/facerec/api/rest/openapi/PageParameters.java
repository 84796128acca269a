package dev.facerec.api.rest.openapi;

import dev.facerec.core.person.PageRequest;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/** The {@code page} and {@code size} query parameters of every list that takes a {@link PageRequest}. */
final class PageParameters implements OperationCustomizer {
    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        boolean paged = Arrays.stream(handlerMethod.getMethodParameters())
                .anyMatch(parameter -> parameter.getParameterType() == PageRequest.class);
        if (paged) {
            var page = Schemas.integer();
            page.minimum(java.math.BigDecimal.ZERO);
            page.setDefault(0);
            var size = Schemas.integer();
            size.minimum(java.math.BigDecimal.ONE);
            size.maximum(java.math.BigDecimal.valueOf(PageRequest.MAX_SIZE));
            size.setDefault(PageRequest.DEFAULT_SIZE);
            operation.addParametersItem(new Parameter()
                    .in("query")
                    .name("page")
                    .description("The page, counted from 0; a page past the end is empty")
                    .schema(page));
            operation.addParametersItem(new Parameter()
                    .in("query")
                    .name("size")
                    .description("Items per page")
                    .schema(size));
        }
        return operation;
    }
}
