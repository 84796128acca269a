package dev.facerec.storage.s3;

import io.minio.MinioClient;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** The S3 clients of the adapters here: every request has its timeouts, and none is retried. */
final class S3Clients {
    private S3Clients() {}

    /**
     * A client with a connect timeout and a read and write timeout (per packet), and when {@code callTimeout} is not
     * zero a limit on the whole call, the response's body included. The client's own HTTP client costs a second or
     * more to build (it sets up TLS afresh each time) and waits minutes; this one speaks HTTP/1.1, as the client's
     * default does. It does not retry: a failed call fails at once, and the caller decides whether to try again. Its
     * sockets send at once ({@link NoDelaySocketFactory}): an upload does not wait for a delayed acknowledgement.
     */
    static MinioClient client(
            S3Settings settings, Duration connectTimeout, Duration readWriteTimeout, Duration callTimeout) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readWriteTimeout)
                .writeTimeout(readWriteTimeout)
                .callTimeout(callTimeout)
                .protocols(List.of(Protocol.HTTP_1_1))
                .socketFactory(new NoDelaySocketFactory())
                .build();
        MinioClient.Builder builder = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http, true);
        if (settings.region() != null) {
            builder.region(settings.region());
        }
        return builder.build();
    }
}
