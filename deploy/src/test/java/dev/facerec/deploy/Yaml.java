package dev.facerec.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Plain YAML as maps and lists (SnakeYAML Engine), for files that are not Kubernetes objects. */
final class Yaml {
    private Yaml() {}

    static Map<String, Object> map(Path file) {
        try {
            return map(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String text) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    /** Every document of a multi-document stream (application.yml). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                documents.add((Map<String, Object>) document);
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Map<String, Object> values, Path file) {
        try {
            Files.writeString(file, new Dump(DumpSettings.builder().build()).dumpToString(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value at a dotted path (a.b.c), or null. */
    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> map, String path) {
        Object current = map;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> level)) {
                return null;
            }
            current = ((Map<String, Object>) level).get(key);
        }
        return current;
    }

    /** {"a": {"b": value}} for "a.b". */
    static Map<String, Object> nested(String path, Object value) {
        String[] keys = path.split("\\.");
        Object current = value;
        for (int i = keys.length - 1; i >= 0; i--) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put(keys[i], current);
            current = level;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) current;
        return result;
    }

    /** Helm's merge of values: maps merge key by key, anything else in the overlay replaces. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            Object existing = merged.get(key);
            if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?> valueMap) {
                merged.put(key, merge((Map<String, Object>) existingMap, (Map<String, Object>) valueMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
