package dev.facerec.core.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON body of a delivery: {@code {"type":..., "occurredAt":..., "data":{...}}} where data holds ids (gallery,
 * person, face, job), counts, and person names only for subscriptions that asked for them. Never an image, an
 * embedding or a similarity.
 */
public final class WebhookPayload {
    private final WebhookEvent event;
    private final Instant occurredAt;
    private final Map<String, Object> data = new LinkedHashMap<>();

    public WebhookPayload(WebhookEvent event, Instant occurredAt) {
        this.event = requireNonNull(event, "event is null");
        this.occurredAt = requireNonNull(occurredAt, "occurredAt is null");
    }

    public WebhookEvent event() {
        return event;
    }

    /** Adds a field: a string, an id, a number, a boolean, or a list or map of those. */
    public WebhookPayload with(String name, Object value) {
        data.put(requireNonNull(name, "name is null"), value);
        return this;
    }

    /** The {@code personId} field, when there is one. */
    public Optional<UUID> personId() {
        return data.get("personId") instanceof UUID id ? Optional.of(id) : Optional.empty();
    }

    /** A copy with one more field. */
    public WebhookPayload copyWith(String name, Object value) {
        WebhookPayload copy = new WebhookPayload(event, occurredAt);
        copy.data.putAll(data);
        return copy.with(name, value);
    }

    public String toJson() {
        StringBuilder out = new StringBuilder("{\"type\":");
        write(out, event.type());
        out.append(",\"occurredAt\":");
        write(out, occurredAt.toString());
        out.append(",\"data\":");
        write(out, data);
        return out.append('}').toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Number number -> out.append(number);
            case Boolean bool -> out.append(bool);
            case Map<?, ?> map -> {
                out.append('{');
                String separator = "";
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(separator);
                    write(out, String.valueOf(entry.getKey()));
                    out.append(':');
                    write(out, entry.getValue());
                    separator = ",";
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(out, list.get(i));
                }
                out.append(']');
            }
            case UUID id -> write(out, id.toString());
            default -> quote(out, value.toString());
        }
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
