package dev.facerec.api.app.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly, once for every JSON endpoint (the application's {@link JsonMapper} is the one
 * Spring MVC reads bodies with): a value is taken only in the type the API documents, so a client's mistake is a 400
 * naming the field instead of a guess. Refused: a key twice in one object (which of the two would count is up to the
 * parser), an enum by its index ({@code "role": 1}) or with spaces around its name ({@code "ADMIN "}), an enum in
 * another case ({@code "admin"}), a number where a string is expected and a string where a number or a boolean is
 * ({@code "30"}), a fraction where a whole number is, an empty string for a value that is not a string, and anything
 * after the JSON value. Unknown fields stay ignored here, so clients may send fields a newer version reads; a body that
 * must refuse them (a PATCH) collects them with {@code @JsonAnySetter} and says in its 400 what may be changed instead.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration {
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJsonConfiguration::strict;
    }

    /** Makes {@code builder} read JSON as the class comment says. */
    public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfigDefaults(
                        config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setAcceptBlankAsEmpty(false))
                .withCoercionConfig(LogicalType.Textual, config -> refuse(config, NUMBERS_AND_BOOLEANS))
                .withCoercionConfig(
                        LogicalType.Integer,
                        config -> refuse(
                                config,
                                CoercionInputShape.String,
                                CoercionInputShape.Float,
                                CoercionInputShape.Boolean))
                .withCoercionConfig(
                        LogicalType.Float,
                        config -> refuse(config, CoercionInputShape.String, CoercionInputShape.Boolean))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        config -> refuse(
                                config,
                                CoercionInputShape.String,
                                CoercionInputShape.Integer,
                                CoercionInputShape.Float))
                .withCoercionConfig(LogicalType.Enum, config -> refuse(config, NUMBERS_AND_BOOLEANS))
                .withCoercionConfig(LogicalType.OtherScalar, config -> refuse(config, NUMBERS_AND_BOOLEANS))
                .addModule(new SimpleModule("facerec-exact-enums").setDeserializerModifier(new ExactEnumNames()));
        return builder;
    }

    private static final CoercionInputShape[] NUMBERS_AND_BOOLEANS = {
        CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
    };

    private static MutableCoercionConfig refuse(MutableCoercionConfig config, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
        return config;
    }

    /**
     * Jackson finds an enum constant by its name, then by the name with surrounding spaces removed; only the first is
     * wanted. Wraps every enum deserializer to refuse a name with spaces around it.
     */
    static final class ExactEnumNames extends ValueDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public ValueDeserializer<?> modifyEnumDeserializer(
                DeserializationConfig config,
                JavaType type,
                BeanDescription.Supplier description,
                ValueDeserializer<?> deserializer) {
            return new ExactName(deserializer);
        }
    }

    static final class ExactName extends DelegatingDeserializer {
        ExactName(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new ExactName(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getString();
                if (!text.isEmpty() && !text.strip().equals(text)) {
                    return context.handleWeirdStringValue(
                            handledType(), text, "an enum name with spaces around it is not accepted");
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
