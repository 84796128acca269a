package dev.facerec.api.rest.person;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import tools.jackson.databind.JsonNode;

/** Person metadata is a JSON object (or absent) of at most 16 KB as text. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ObjectOrNull.Validator.class)
@interface ObjectOrNull {
    String message() default "must be a JSON object of at most 16384 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<ObjectOrNull, JsonNode> {
        @Override
        public boolean isValid(JsonNode value, ConstraintValidatorContext context) {
            return value == null
                    || value.isNull()
                    || (value.isObject()
                            && value.toString().length() <= dev.facerec.core.person.Person.MAX_METADATA_LENGTH);
        }
    }
}
