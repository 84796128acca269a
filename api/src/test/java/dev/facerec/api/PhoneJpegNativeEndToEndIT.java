package dev.facerec.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.facerec.ml.image.turbo.TurboJpeg;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PhoneJpegEndToEnd} with libjpeg-turbo at a DCT scale, the default where the library is installed (skipped where it is not). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "facerec.ml.models-dir=${facerec.models.dir}")
class PhoneJpegNativeEndToEndIT extends PhoneJpegEndToEnd {
    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        ThrowawayDataFolder.register(registry, dataDir);
    }

    @BeforeAll
    static void libraryInstalled() {
        assumeTrue(
                TurboJpeg.load(TurboJpeg.LIBRARY) instanceof TurboJpeg.Loaded.Available,
                "libjpeg-turbo is not installed (Debian: libturbojpeg0)");
    }

    @Override
    String expectedJpegDecoder() {
        return "libjpeg-turbo";
    }
}
