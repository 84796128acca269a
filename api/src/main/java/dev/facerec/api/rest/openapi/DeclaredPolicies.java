package dev.facerec.api.rest.openapi;

import dev.facerec.api.http.idempotency.IdempotencyFilter;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Policies;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * What each handler declares next to it (dev.facerec.api.http.policy) and the document shows: the operations open to anyone
 * (no security), and the {@code Idempotency-Key} header of those that take it. {@link ProblemResponses} reads both
 * back for the problems each operation can answer.
 */
final class DeclaredPolicies implements OperationCustomizer {
    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (Policies.find(handler, Access.class)
                .filter(access -> access.value() == Access.Level.PUBLIC)
                .isPresent()) {
            operation.setSecurity(List.of());
        }
        if (Policies.idempotency(handler).filter(Policies.Decision::applies).isPresent()) {
            operation.addParametersItem(new Parameter()
                    .in("header")
                    .name(IdempotencyFilter.HEADER)
                    .required(false)
                    .description("1 to 255 visible ASCII characters. A retry with the same key and the same request"
                            + " answers the first response again (with Idempotent-Replayed: true) instead of"
                            + " creating twice.")
                    .schema(Schemas.string().minLength(1).maxLength(255)));
        }
        return operation;
    }

    /** Open to anyone: the handler says {@code @Access(PUBLIC)}. */
    static boolean isPublic(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().isEmpty();
    }

    /** Takes an {@code Idempotency-Key}: the handler says {@code @Idempotent}. */
    static boolean isIdempotent(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(parameter -> "header".equals(parameter.getIn())
                                && IdempotencyFilter.HEADER.equals(parameter.getName()));
    }
}
