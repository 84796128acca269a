package dev.facerec.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The values the chart is proven with: its defaults, values-production.yaml, and GPU replicas on top of production. */
enum Profile {
    DEFAULT(List.of(), Chart.sets()),
    PRODUCTION(List.of(Chart.PRODUCTION), Chart.sets("secrets.existingSecret", Profile.SECRET)),
    // GPU replicas whose models an init container fetches, so that every template renders in one of the three.
    GPU(
            List.of(Chart.PRODUCTION, Chart.GPU),
            Chart.sets(
                    "secrets.existingSecret", Profile.SECRET,
                    "models.source", "fetch",
                    "models.fetch.mirror", "https://models.mirror.test/facerec"));

    /** The Secret the production profiles name (its values never reach the chart). */
    static final String SECRET = "facerec-secrets";

    private static final Map<Profile, Rendered> RENDERED = new ConcurrentHashMap<>();

    final List<Path> valuesFiles;
    final Map<String, String> sets;

    Profile(List<Path> valuesFiles, Map<String, String> sets) {
        this.valuesFiles = valuesFiles;
        this.sets = sets;
    }

    /** Rendered once per test run, then every object parsed strictly. */
    Rendered rendered() {
        return RENDERED.computeIfAbsent(this, profile -> {
            String text = Chart.render(profile.valuesFiles, profile.sets);
            return new Rendered(text, new StrictKubernetes().parseAll(text));
        });
    }

    record Rendered(String text, List<HasMetadata> objects) {
        <T extends HasMetadata> List<T> all(Class<T> kind) {
            return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> kind) {
            List<T> found = all(kind);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + kind.getSimpleName() + ", rendered " + found.size());
            }
            return found.getFirst();
        }

        <T extends HasMetadata> T named(Class<T> kind, String name) {
            return all(kind).stream()
                    .filter(object -> object.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
        }
    }
}
