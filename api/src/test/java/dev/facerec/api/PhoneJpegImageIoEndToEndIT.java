package dev.facerec.api;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PhoneJpegEndToEnd} with ImageIO only ({@code IMAGE_NATIVE_CODECS=false}), as on a machine without libjpeg-turbo. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"facerec.ml.models-dir=${facerec.models.dir}", "facerec.ml.native-codecs=false"})
class PhoneJpegImageIoEndToEndIT extends PhoneJpegEndToEnd {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @Override
    String expectedJpegDecoder() {
        return "ImageIO";
    }
}
