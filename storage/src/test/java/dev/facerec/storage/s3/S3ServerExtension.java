package dev.facerec.storage.s3;

import io.minio.MinioClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link S3Server} for a test class, with its {@link S3Server#admin() admin client}, and the adapters a test opens
 * closed after it. Registered with {@code @RegisterExtension} on a static field.
 */
public final class S3ServerExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private S3Server server;
    private MinioClient admin;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = S3Server.start();
        admin = server.admin();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<AutoCloseable> closing;
        synchronized (this) {
            closing = List.copyOf(opened);
            opened.clear();
        }
        for (AutoCloseable adapter : closing) {
            adapter.close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        admin.close();
        server.close();
    }

    public S3Server server() {
        return server;
    }

    public MinioClient admin() {
        return admin;
    }

    /** {@code adapter}, closed once the test is over; safe to call from the threads a test starts. */
    public synchronized <T extends AutoCloseable> T closedAfterTheTest(T adapter) {
        opened.add(adapter);
        return adapter;
    }
}
