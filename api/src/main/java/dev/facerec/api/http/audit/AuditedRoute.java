package dev.facerec.api.http.audit;

import dev.facerec.api.http.policy.Audited;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a request did: the action its handler declares ({@link Audited}), and the target and the gallery, read from the
 * matched route pattern, the route's variables and the answer.
 *
 * @param targetType null when the action has no single target
 * @param galleryId null unless the route names the gallery
 */
record AuditedRoute(String action, String targetType, String targetId, UUID galleryId) {
    static final String API = "/api/v1/";
    static final String UNKNOWN = "unknown";

    private static final Map<String, String> RESOURCES = Map.of(
            "galleries", "gallery",
            "persons", "person",
            "faces", "face",
            "users", "user",
            "api-keys", "api-key",
            "jobs", "job");

    /**
     * @param audited the handler's action, or null when no handler answers the route or it declares none
     * @param pattern the matched route pattern, or null when no route matched
     * @param variables the route's variables by name
     * @param location the {@code Location} header of the answer (a created object), or null
     */
    static AuditedRoute of(
            Audited audited, String pattern, Map<String, String> variables, int status, String location) {
        if (audited == null || pattern == null || !pattern.startsWith(API)) {
            return new AuditedRoute(UNKNOWN, null, null, null);
        }
        String action = status >= 400 && !audited.failed().isEmpty() ? audited.failed() : audited.value();
        List<String> segments = List.of(pattern.substring(API.length()).split("/"));
        Target target = target(segments, variables);
        Target created = status == 201 ? created(location) : null;
        if (created != null) {
            target = new Target(
                    created.type(),
                    created.id(),
                    target.galleryId() == null ? created.galleryId() : target.galleryId());
        }
        return new AuditedRoute(action, target.type(), target.id(), target.galleryId());
    }

    private record Target(String type, String id, UUID galleryId) {}

    /** The last resource named with an id in the route; the gallery when it is one of them. */
    private static Target target(List<String> segments, Map<String, String> variables) {
        String type = null;
        String id = null;
        UUID gallery = null;
        for (int i = 1; i < segments.size(); i++) {
            String resource = RESOURCES.get(segments.get(i - 1));
            String segment = segments.get(i);
            if (resource != null && isVariable(segment)) {
                type = resource;
                id = variables.get(segment.substring(1, segment.length() - 1));
                if (resource.equals("gallery")) {
                    gallery = uuidOrNull(id);
                }
            }
        }
        return new Target(type, id, gallery);
    }

    /** The object an answer says it created, from its {@code Location}, e.g. {@code /api/v1/persons/{id}}. */
    private static Target created(String location) {
        if (location == null) {
            return null;
        }
        String path;
        try {
            path = URI.create(location).getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (path == null || !path.startsWith(API)) {
            return null;
        }
        List<String> segments = List.of(path.substring(API.length()).split("/"));
        if (segments.size() < 2) {
            return null;
        }
        String type = RESOURCES.get(segments.get(segments.size() - 2));
        if (type == null) {
            return null;
        }
        String id = segments.getLast();
        return new Target(type, id, type.equals("gallery") ? uuidOrNull(id) : null);
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    static UUID uuidOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
