package dev.facerec.api.http.idempotency;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first response to an idempotent request, as replayed to its retries.
 *
 * @param fingerprint method, path and SHA-256 of the body of the request that produced it
 * @param headers the headers a client needs again (Content-Type, Location)
 */
public record StoredResponse(String fingerprint, int status, Map<String, String> headers, byte[] body) {
    public StoredResponse {
        requireNonNull(fingerprint, "fingerprint is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    byte[] encode() {
        try {
            var bytes = new ByteArrayOutputStream(body.length + 256);
            var out = new DataOutputStream(bytes);
            out.writeUTF(fingerprint);
            out.writeInt(status);
            out.writeInt(headers.size());
            for (var header : headers.entrySet()) {
                out.writeUTF(header.getKey());
                out.writeUTF(header.getValue());
            }
            out.writeInt(body.length);
            out.write(body);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StoredResponse decode(byte[] bytes) {
        try {
            var in = new DataInputStream(new ByteArrayInputStream(bytes));
            String fingerprint = in.readUTF();
            int status = in.readInt();
            int count = in.readInt();
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                headers.put(in.readUTF(), in.readUTF());
            }
            byte[] body = in.readNBytes(in.readInt());
            return new StoredResponse(fingerprint, status, headers, body);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable stored response", e);
        }
    }
}
