package dev.facerec.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Parses rendered manifests into fabric8's Kubernetes model as strictly as the API server's strict field validation:
 * an unknown or misspelled field, a value of the wrong type, a duplicate key or a kind the model does not know fails.
 *
 * <p>fabric8's model classes keep unknown fields in an {@code additionalProperties} map (a Jackson any-setter), so
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} alone would never fire: the deserializer modifier here takes the any-setter away,
 * and Jackson then fails on the first field that the class does not declare, naming it and its path.
 */
final class StrictKubernetes {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private final KubernetesSerialization serialization = new KubernetesSerialization(strictMapper(), true);

    private static JsonMapper strictMapper() {
        SimpleModule noCatchAll = new SimpleModule("facerec-no-additional-properties");
        noCatchAll.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(
                    DeserializationConfig config,
                    BeanDescription.Supplier description,
                    BeanDeserializerBuilder builder) {
                builder.setAnySetter(null);
                return builder;
            }
        });
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(noCatchAll)
                .build();
    }

    /** Every object in a multi-document YAML stream (Helm's output), parsed strictly; empty documents are skipped. */
    List<HasMetadata> parseAll(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifests)) {
            if (isBlank(document)) {
                continue;
            }
            objects.add(parse(document));
        }
        return objects;
    }

    /** One document: its keys unique, its kind known to the model, every field declared by the model. */
    HasMetadata parse(String document) {
        Object tree =
                new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(document);
        if (!(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a Kubernetes object:\n" + document);
        }
        Map<?, ?> fields = (Map<?, ?>) tree;
        String apiVersion = String.valueOf(fields.get("apiVersion"));
        String kind = String.valueOf(fields.get("kind"));
        Class<?> modelClass = serialization.getRegisteredKubernetesResource(apiVersion, kind);
        if (modelClass == null || modelClass == GenericKubernetesResource.class) {
            throw new IllegalArgumentException(
                    "kind " + kind + " (" + apiVersion + ") is not in the Kubernetes model, so it cannot be checked");
        }
        Object parsed = serialization.unmarshal(document);
        if (!(parsed instanceof HasMetadata object) || !modelClass.isInstance(parsed)) {
            throw new IllegalArgumentException(
                    kind + " parsed as " + parsed.getClass().getName());
        }
        return object;
    }

    private static boolean isBlank(String document) {
        return document.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
    }
}
