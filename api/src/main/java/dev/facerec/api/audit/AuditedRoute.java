package dev.facerec.api.audit;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a request did, read from its method, its matched route pattern, the route's variables and the answer: the
 * action name, the target and the gallery. Most names follow from the route ({@code DELETE /api/v1/persons/{id}} is
 * {@code person.delete}); the few that read better otherwise are listed.
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
            "api-keys", "api-key");

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("POST /api/v1/persons/{personId}/faces", "face.enroll"),
            Map.entry("GET /api/v1/persons/{personId}/faces/{faceId}/image", "face.image.read"),
            Map.entry("POST /api/v1/persons/{personId}/verify", "person.verify"),
            Map.entry("POST /api/v1/identify", "identify"),
            Map.entry("POST /api/v1/faces/detect", "face.detect"),
            Map.entry("POST /api/v1/faces/compare", "face.compare"),
            Map.entry("POST /api/v1/auth/register", "user.create"),
            Map.entry("POST /api/v1/auth/password", "auth.password.change"),
            Map.entry("PATCH /api/v1/users/{id}", "user.change"),
            Map.entry("DELETE /api/v1/api-keys/{id}", "api-key.revoke"),
            Map.entry("POST /api/v1/admin/encryption/rotation", "encryption.rotation.start"),
            Map.entry("GET /api/v1/admin/encryption/rotation", "encryption.rotation.read"),
            Map.entry("GET /api/v1/audit", "audit.read"));

    static final String LOGIN = "POST /api/v1/auth/login";

    /**
     * @param pattern the matched route pattern, or null when no route matched
     * @param variables the route's variables by name
     * @param location the {@code Location} header of the answer (a created object), or null
     */
    static AuditedRoute of(String method, String pattern, Map<String, String> variables, int status, String location) {
        if (pattern == null || !pattern.startsWith(API)) {
            return new AuditedRoute(UNKNOWN, null, null, null);
        }
        String key = method + " " + pattern;
        if (key.equals(LOGIN)) {
            return new AuditedRoute(status < 400 ? "auth.login" : "auth.login.failed", null, null, null);
        }
        List<String> segments = List.of(pattern.substring(API.length()).split("/"));
        Target target = target(segments, variables);
        Target created = status == 201 ? created(location) : null;
        if (created != null) {
            target = new Target(
                    created.type(),
                    created.id(),
                    target.galleryId() == null ? created.galleryId() : target.galleryId());
        }
        String action = NAMED.getOrDefault(key, generic(method, segments));
        return new AuditedRoute(action, target.type(), target.id(), target.galleryId());
    }

    /** {@code type.verb} for a resource route, else the route's literal segments joined by dots. */
    private static String generic(String method, List<String> segments) {
        String last = segments.getLast();
        boolean item = isVariable(last);
        String resource = RESOURCES.get(item ? segments.get(segments.size() - 2) : last);
        if (resource == null) {
            return String.join(
                    ".", segments.stream().filter(s -> !isVariable(s)).toList());
        }
        String verb = switch (method) {
            case "GET" -> item ? "read" : "list";
            case "POST" -> "create";
            case "PATCH", "PUT" -> "update";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return resource + "." + verb;
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
