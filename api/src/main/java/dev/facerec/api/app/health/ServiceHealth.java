package dev.facerec.api.app.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The service's parts and what their state means for it: without the models, the database or the image store it
 * cannot serve ({@code DOWN}); without the cache (or another optional part) it serves more slowly
 * ({@code DEGRADED}).
 */
final class ServiceHealth {
    static final String MODELS = "models";
    static final String DATABASE = "database";
    static final String IMAGE_STORE = "imageStore";
    static final String EMBEDDING_CACHE = "embeddingCache";
    static final String GALLERY_INDEX = "galleryIndex";
    static final String GPU = "gpu";

    /** Parts without which the service must not take traffic (also the Actuator readiness group). */
    static final List<String> REQUIRED = List.of(MODELS, DATABASE, IMAGE_STORE);

    private final Map<String, HealthIndicator> components;

    ServiceHealth(Map<String, HealthIndicator> components) {
        if (!components.keySet().containsAll(REQUIRED)) {
            throw new IllegalArgumentException("missing required components: " + components.keySet());
        }
        // Kept in the caller's order: the detailed view lists the parts as operators read them.
        this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** Every part checked once, in a fixed order, and the verdict for the service. */
    Detailed detailed() {
        Map<String, Map<String, Object>> view = new LinkedHashMap<>();
        String overall = Detailed.UP;
        for (Map.Entry<String, HealthIndicator> component : components.entrySet()) {
            String name = component.getKey();
            Health health = component.getValue().health();
            view.put(name, flatten(health));
            if (!Status.UP.equals(health.getStatus())) {
                overall = REQUIRED.contains(name) ? Detailed.DOWN : worse(overall, Detailed.DEGRADED);
            }
        }
        return new Detailed(overall, view);
    }

    /**
     * Checks the named parts in order and says why the first one that is not up is not.
     *
     * @return empty when all are up
     */
    Optional<String> firstNotUp(List<String> names) {
        for (String name : names) {
            Health health = components.get(name).health();
            if (!Status.UP.equals(health.getStatus())) {
                Object reason = health.getDetails().get(TimedHealthIndicator.REASON);
                return Optional.of(
                        name + " is " + health.getStatus().getCode() + (reason == null ? "" : ": " + reason));
            }
        }
        return Optional.empty();
    }

    private static String worse(String current, String candidate) {
        return current.equals(Detailed.DOWN) ? current : candidate;
    }

    private static Map<String, Object> flatten(Health health) {
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("status", health.getStatus().getCode());
        component.putAll(health.getDetails());
        return component;
    }

    /**
     * @param status {@code UP}, {@code DEGRADED} (an optional part is down: slower, still correct) or {@code DOWN}
     * @param components each part's status and details, by name
     */
    record Detailed(String status, Map<String, Map<String, Object>> components) {
        static final String UP = "UP";
        static final String DEGRADED = "DEGRADED";
        static final String DOWN = "DOWN";
    }
}
