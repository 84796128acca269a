package dev.facerec.ml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real models and photos the build points tests at ({@code facerec.models.dir}, {@code facerec.data.dir}, set by
 * surefire and failsafe to {@code ../shared}). The product itself never reads these locations.
 */
public final class SharedFixtures {
    private static FaceEngine engine;

    private SharedFixtures() {}

    public static Path models() {
        return directory("facerec.models.dir");
    }

    public static Path data() {
        return directory("facerec.data.dir");
    }

    public static byte[] read(String relativeToData) {
        try {
            return Files.readAllBytes(data().resolve(relativeToData));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One engine with the default packs for the whole test JVM: loading models is the slow part. */
    public static synchronized FaceEngine defaultEngine() {
        if (engine == null) {
            engine = FaceEngine.start(MlConfig.defaults(models()));
        }
        return engine;
    }

    private static Path directory(String property) {
        String value = System.getProperty(property);
        assumeTrue(value != null, property + " is not set: run the tests through Maven");
        Path path = Path.of(value);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(
                    property + "=" + value + " is not a directory; ../shared must be beside" + " the checkout");
        }
        return path;
    }
}
