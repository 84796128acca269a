package dev.facerec.storage.s3;

import io.minio.MinioClient;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 server in the test JVM: S3Proxy speaking the S3 protocol with signature checks, over an in-memory blob
 * store, on a free port of the loopback interface. Published in this module's test jar for the api's tests.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "facerec-test";
    public static final String SECRET_KEY = "s3cr3t-never-shown-8d1f0c";

    private final S3Proxy proxy;

    private S3Server(S3Proxy proxy) {
        this.proxy = proxy;
    }

    public static S3Server start() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .jettyMaxThreads(24)
                .build();
        proxy.start();
        return new S3Server(proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public S3Settings settings(String bucket) {
        return new S3Settings(endpoint(), ACCESS_KEY, SECRET_KEY, bucket, false, null);
    }

    /** A new client with the server's credentials, to read and write past the adapters; the caller closes it. */
    public MinioClient admin() {
        return MinioClient.builder()
                .endpoint(endpoint())
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
