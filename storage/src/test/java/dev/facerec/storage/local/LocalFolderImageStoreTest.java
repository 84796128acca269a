package dev.facerec.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.store.ImageStore;
import dev.facerec.storage.ImageStoreContractTest;
import dev.facerec.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderImageStoreTest extends ImageStoreContractTest {
    @TempDir
    Path folder;

    private Path root;

    @Override
    protected ImageStore createStore() {
        root = folder.resolve("images");
        return new LocalFolderImageStore(new StorageConfig(root));
    }

    @Test
    void createsItsRootFolder() {
        assertThat(root).isDirectory();
    }

    @Test
    void fansFilesOutByTheFirstFourCharactersOfTheKey() throws IOException {
        byte[] bytes = image(1, 1_000);

        String key = store().put(bytes, "image/jpeg");

        Path file =
                root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
        assertThat(file).isRegularFile();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        byte[] bytes = image(2, 64 * 1024);

        concurrently(16, index -> store().put(bytes, "image/jpeg"));
        store().isAvailable();

        assertThat(filesUnder(root))
                .singleElement()
                .satisfies(file -> assertThat(file.getFileName().toString()).matches("[0-9a-f]{64}"));
    }

    @Test
    void doesNotRewriteAnImageItAlreadyHolds() throws IOException {
        byte[] bytes = image(3, 1_000);
        String key = store().put(bytes, "image/jpeg");
        Path file = filesUnder(root).getFirst();
        FileTime longAgo = FileTime.fromMillis(0);
        Files.setLastModifiedTime(file, longAgo);

        assertThat(store().put(bytes, "image/jpeg")).isEqualTo(key);

        assertThat(Files.getLastModifiedTime(file)).isEqualTo(longAgo);
    }

    @Test
    void keysCannotReachFilesOutsideTheRoot() throws IOException {
        Files.writeString(folder.resolve("secret"), "not an image");

        assertInvalidRequest(() -> store().get("../secret"));
        assertInvalidRequest(() -> store().delete("../secret"));

        assertThat(folder.resolve("secret")).exists();
    }

    @Test
    void reportsUnavailableWhenTheRootIsNoLongerAFolder() throws IOException {
        String key = store().put(image(4, 1_000), "image/jpeg");
        deleteRecursively(root);
        Files.writeString(root, "a file where the folder was");

        assertThat(store().isAvailable()).isFalse();
        assertThatThrownBy(() -> store().put(image(5, 1_000), "image/jpeg"))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE));
        assertThatThrownBy(() -> store().get(key))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE));
    }

    @Test
    void configMakesTheFolderAbsolute() {
        assertThat(new StorageConfig(Path.of("images/../faces")).localDirectory())
                .isAbsolute()
                .isEqualTo(Path.of("faces").toAbsolutePath());
    }

    private static List<Path> filesUnder(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
