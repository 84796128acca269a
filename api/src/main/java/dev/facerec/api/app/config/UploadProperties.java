package dev.facerec.api.app.config;

import static java.util.Objects.requireNonNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code facerec.upload.*}: how much a client may send.
 *
 * @param maxBytes {@code UPLOAD_MAX_BYTES}: the largest image file accepted in one multipart field
 * @param maxJsonBytes {@code JSON_MAX_BYTES}: the largest JSON body accepted
 * @param maxAuthJsonBytes {@code AUTH_JSON_MAX_BYTES}: the largest JSON body accepted under {@code /api/v1/auth/}
 *     (sign-in, refresh, register, password), which anyone may call
 */
@ConfigurationProperties("facerec.upload")
public record UploadProperties(
        @DefaultValue("15MB") DataSize maxBytes,
        @DefaultValue("64KB") DataSize maxJsonBytes,
        @DefaultValue("4KB") DataSize maxAuthJsonBytes) {
    /** A request carries at most this many images (compare sends two). */
    public static final int MAX_IMAGES_PER_REQUEST = 2;

    /** Room for multipart boundaries, part headers and small text fields. */
    static final DataSize MULTIPART_OVERHEAD = DataSize.ofKilobytes(64);

    public UploadProperties {
        requireNonNull(maxBytes, "maxBytes is null");
        requireNonNull(maxJsonBytes, "maxJsonBytes is null");
        requireNonNull(maxAuthJsonBytes, "maxAuthJsonBytes is null");
        positive("max-bytes", maxBytes);
        positive("max-json-bytes", maxJsonBytes);
        positive("max-auth-json-bytes", maxAuthJsonBytes);
    }

    private static void positive(String name, DataSize size) {
        if (size.toBytes() < 1) {
            throw new IllegalArgumentException("facerec.upload." + name + " must be positive: " + size);
        }
    }

    /** The largest request body of an archive upload to the jobs API: the archive plus the multipart overhead. */
    public static DataSize archiveRequestBytes(JobProperties jobs) {
        return DataSize.ofBytes(Math.addExact(jobs.maxArchiveBytes().toBytes(), MULTIPART_OVERHEAD.toBytes()));
    }

    /** The largest whole request body: every image at its limit plus the multipart overhead. */
    public DataSize maxRequestBytes() {
        return DataSize.ofBytes(Math.addExact(
                Math.multiplyExact(maxBytes.toBytes(), MAX_IMAGES_PER_REQUEST), MULTIPART_OVERHEAD.toBytes()));
    }
}
