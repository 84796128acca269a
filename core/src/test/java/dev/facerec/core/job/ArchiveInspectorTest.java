package dev.facerec.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveInspectorTest {
    private static final ArchiveLimits SMALL = new ArchiveLimits(1 << 20, 10, 200_000, 50_000, 20);

    @TempDir
    Path directory;

    private final ArchiveInspector inspector = new ArchiveInspector(SMALL);

    @Test
    void aFolderPerPersonNamesEachPhotosPersonAfterItsFolderAndSkipsOtherFiles() throws IOException {
        Path archive = zip(entries(
                "top/Ada_Lovelace/one.jpg",
                photo(),
                "top/Ada_Lovelace/two.PNG",
                photo(),
                "Alan/x.jpeg",
                photo(),
                "notes.txt",
                "hello".getBytes(StandardCharsets.UTF_8)));

        assertThat(inspector.inspect(archive))
                .containsExactly(
                        new ArchiveItem("top/Ada_Lovelace/one.jpg", "Ada_Lovelace", null),
                        new ArchiveItem("top/Ada_Lovelace/two.PNG", "Ada_Lovelace", null),
                        new ArchiveItem("Alan/x.jpeg", "Alan", null));
    }

    @Test
    void aManifestNamesPersonsAndExternalIds() throws IOException {
        String manifest = "name,externalId,file\nAda Lovelace,E-1,a.jpg\nAlan Turing,,b/c.jpg\n";
        Path archive = zip(entries(
                "manifest.csv", manifest.getBytes(StandardCharsets.UTF_8), "a.jpg", photo(), "b/c.jpg", photo()));

        assertThat(inspector.inspect(archive))
                .containsExactly(
                        new ArchiveItem("a.jpg", "Ada Lovelace", "E-1"),
                        new ArchiveItem("b/c.jpg", "Alan Turing", null));
    }

    @Test
    void aManifestLineNamingNoPhotoIsRefused() throws IOException {
        Path archive = zip(entries("manifest.csv", "Ada,,missing.jpg\n".getBytes(StandardCharsets.UTF_8)));
        assertRefused(archive, FaceErrorCode.INVALID_REQUEST, "manifest");
    }

    @Test
    void photosOutsideAnyFolderWithoutAManifestAreRefused() throws IOException {
        assertRefused(zip(entries("loose.jpg", photo())), FaceErrorCode.INVALID_REQUEST, "no_folder");
    }

    @Test
    void tooManyEntriesAreRefusedFromTheDirectoryAlone() throws IOException {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            many.put("p/" + i + ".jpg", photo());
        }
        assertRefused(zip(many), FaceErrorCode.INVALID_REQUEST, "too_many_entries");
    }

    @Test
    void anEntryLargerThanTheLimitIsRefused() throws IOException {
        assertRefused(zip(entries("p/big.jpg", noise(60_000))), FaceErrorCode.IMAGE_TOO_LARGE, "entry_too_large");
    }

    @Test
    void moreUncompressedBytesThanTheLimitAreRefused() throws IOException {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put("p/" + i + ".jpg", noise(45_000));
        }
        assertRefused(zip(many), FaceErrorCode.IMAGE_TOO_LARGE, "total_too_large");
    }

    @Test
    void anEntryCompressedBeyondTheRatioIsRefused() throws IOException {
        assertRefused(zip(entries("p/bomb.jpg", new byte[40_000])), FaceErrorCode.INVALID_REQUEST, "ratio");
    }

    @Test
    void anArchiveLargerThanTheUploadLimitIsRefused() throws IOException {
        ArchiveInspector tiny = new ArchiveInspector(new ArchiveLimits(1_000, 10, 200_000, 50_000, 20));
        assertThatThrownBy(() -> tiny.inspect(zip(entries("p/a.jpg", noise(5_000)))))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.details()).containsEntry("reason", "archive_too_large"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.jpg", "p/../../evil.jpg", "/etc/evil.jpg", "p\\evil.jpg", "C:/evil.jpg"})
    void pathsThatCouldLeaveTheFolderAreRefused(String name) throws IOException {
        assertRefused(zip(entries(name, photo())), FaceErrorCode.INVALID_REQUEST, "path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p/inner.zip", "p/inner.tar", "p/inner.tar.gz", "p/inner.7z"})
    void nestedArchivesAreRefused(String name) throws IOException {
        assertRefused(zip(entries(name, photo())), FaceErrorCode.INVALID_REQUEST, "nested_archive");
    }

    @Test
    void aSymbolicLinkEntryIsRefused() throws IOException {
        Path archive = zip(entries("p/a.jpg", photo(), "p/link.jpg", "/etc/passwd".getBytes(StandardCharsets.UTF_8)));
        patchDirectoryEntry(archive, 1, (buffer, at) -> {
            buffer.putShort(at + 4, (short) (3 << 8 | 20)); // made by Unix
            buffer.putInt(at + 38, 0120777 << 16); // a symbolic link's mode
        });
        assertRefused(archive, FaceErrorCode.INVALID_REQUEST, "link");
    }

    @Test
    void anEncryptedEntryIsRefused() throws IOException {
        Path archive = zip(entries("p/a.jpg", photo()));
        patchDirectoryEntry(archive, 0, (buffer, at) -> buffer.putShort(at + 8, (short) (buffer.getShort(at + 8) | 1)));
        assertRefused(archive, FaceErrorCode.INVALID_REQUEST, "encrypted");
    }

    @Test
    void aFileThatIsNoZipIsRefused() throws IOException {
        Path file = directory.resolve("not.zip");
        Files.write(file, noise(3_000));
        assertRefused(file, FaceErrorCode.INVALID_REQUEST, "not_zip");
    }

    @Test
    void theReaderNeverInflatesMoreThanTheLimitWhateverTheDirectorySays() throws IOException {
        Path archive = zip(entries("p/a.jpg", noise(5_000)));
        try (ArchiveReader reader = new ArchiveReader(archive, 1_000)) {
            assertThatThrownBy(() -> reader.read("p/a.jpg"))
                    .isInstanceOfSatisfying(
                            FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.IMAGE_TOO_LARGE));
        }
        try (ArchiveReader reader = new ArchiveReader(archive, 5_000)) {
            assertThat(reader.read("p/a.jpg")).hasSize(5_000);
        }
    }

    private void assertRefused(Path archive, FaceErrorCode code, String reason) {
        assertThatThrownBy(() -> inspector.inspect(archive)).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.details()).containsEntry("field", "archive").containsEntry("reason", reason);
        });
    }

    private static Map<String, byte[]> entries(Object... namesAndBytes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < namesAndBytes.length; i += 2) {
            entries.put((String) namesAndBytes[i], (byte[]) namesAndBytes[i + 1]);
        }
        return entries;
    }

    private Path zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        Path file = Files.createTempFile(directory, "archive", ".zip");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static byte[] photo() {
        return noise(300);
    }

    private static byte[] noise(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private interface Patch {
        void apply(ByteBuffer buffer, int at);
    }

    /** Changes the central directory record of the entry with this index, as a hostile tool could write it. */
    private static void patchDirectoryEntry(Path archive, int index, Patch patch) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(archive)).order(ByteOrder.LITTLE_ENDIAN);
        int seen = 0;
        for (int at = 0; at + 4 <= buffer.limit(); at++) {
            if (buffer.getInt(at) == 0x02014b50 && seen++ == index) {
                patch.apply(buffer, at);
                Files.write(archive, buffer.array());
                return;
            }
        }
        throw new IllegalStateException("no central directory entry " + index);
    }
}
