package dev.facerec.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.testing.InMemoryImportBucket;
import dev.facerec.core.testing.InMemoryJobRepository;
import dev.facerec.core.usecase.Sha256;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrefixInspectorTest {
    private static final ArchiveLimits SMALL = new ArchiveLimits(1 << 20, 6, 1_000, 400, 20);
    private static final ImportPrefix ROOT = ImportPrefix.root("imports/");

    private final InMemoryImportBucket bucket = new InMemoryImportBucket(ROOT);
    private final PrefixSource source = new PrefixSource(bucket, ROOT, SMALL, new InMemoryJobRepository());

    private static byte[] photo(int size) {
        return new byte[size];
    }

    @Test
    void aFolderPerPersonUnderThePrefixNamesEachPersonAndKeepsSizesAndEntityTags() {
        bucket.put("imports/staff/Ada_Lovelace/1.jpg", photo(100))
                .put("imports/staff/Ada_Lovelace/2.PNG", photo(101))
                .put("imports/staff/Ada_Lovelace/", new byte[0])
                .put("imports/staff/team/Alan/x.jpeg", photo(102))
                .put("imports/staff/notes.txt", "hello".getBytes(StandardCharsets.UTF_8))
                .put("imports/staff/", new byte[0])
                .put("imports/staffing/Bob/1.jpg", photo(5))
                .put("elsewhere/Carl/1.jpg", photo(5));

        PrefixSource.Listing listing = source.list("imports/staff");

        assertThat(listing.prefix().value()).isEqualTo("imports/staff/");
        assertThat(listing.photos())
                .containsExactly(
                        new ListedPhoto("Ada_Lovelace/1.jpg", "Ada_Lovelace", null, 100, Sha256.hex(photo(100))),
                        new ListedPhoto("Ada_Lovelace/2.PNG", "Ada_Lovelace", null, 101, Sha256.hex(photo(101))),
                        new ListedPhoto("team/Alan/x.jpeg", "Alan", null, 102, Sha256.hex(photo(102))));
    }

    @Test
    void aManifestAtThePrefixNamesPersonsAndExternalIdsInItsOrder() {
        bucket.put(
                        "imports/hr/manifest.csv",
                        "name,externalId,file\nAlan Turing,,b/c.jpg\nAda Lovelace,E-1,a.jpg\n"
                                .getBytes(StandardCharsets.UTF_8))
                .put("imports/hr/a.jpg", photo(10))
                .put("imports/hr/b/c.jpg", photo(11));

        assertThat(source.list("imports/hr/").photos())
                .extracting(ListedPhoto::item)
                .containsExactly(
                        new ArchiveItem("b/c.jpg", "Alan Turing", null),
                        new ArchiveItem("a.jpg", "Ada Lovelace", "E-1"));
    }

    @Test
    void theArchiveLimitsApplyToTheListingBeforeAnyJobExists() {
        for (int i = 0; i < 7; i++) {
            bucket.put("imports/many/P/" + i + ".jpg", photo(1));
        }
        assertRefused("imports/many/", FaceErrorCode.INVALID_REQUEST, "too_many_entries");

        bucket.put("imports/big/P/1.jpg", photo(401));
        assertRefused("imports/big/", FaceErrorCode.IMAGE_TOO_LARGE, "entry_too_large");

        bucket.put("imports/lies/P/1.jpg", photo(10)).declare("imports/lies/P/1.jpg", 10_000_000_000L);
        assertRefused("imports/lies/", FaceErrorCode.IMAGE_TOO_LARGE, "entry_too_large");

        for (int i = 0; i < 3; i++) {
            bucket.put("imports/total/P/" + i + ".jpg", photo(400));
        }
        assertRefused("imports/total/", FaceErrorCode.IMAGE_TOO_LARGE, "total_too_large");
    }

    @Test
    void otherFilesCountAsObjectsButNotAsBytes() {
        bucket.put("imports/mixed/P/1.jpg", photo(300)).put("imports/mixed/P/video.mp4", photo(5_000));
        assertThat(source.list("imports/mixed/").photos()).hasSize(1);
    }

    @Test
    void aPrefixWithoutPhotosOrWithLoosePhotosOrABadManifestIsRefused() {
        assertRefused("imports/nothing/", FaceErrorCode.INVALID_REQUEST, "empty");
        bucket.put("imports/text/readme.txt", photo(3));
        assertRefused("imports/text/", FaceErrorCode.INVALID_REQUEST, "empty");
        bucket.put("imports/loose/a.jpg", photo(3));
        assertRefused("imports/loose/", FaceErrorCode.INVALID_REQUEST, "no_folder");
        bucket.put("imports/manifest/manifest.csv", "Ada,,missing.jpg\n".getBytes(StandardCharsets.UTF_8))
                .put("imports/manifest/other.jpg", photo(3));
        assertRefused("imports/manifest/", FaceErrorCode.INVALID_REQUEST, "manifest");
        bucket.put("imports/escape/manifest.csv", "Ada,,../loose/a.jpg\n".getBytes(StandardCharsets.UTF_8));
        assertRefused("imports/escape/", FaceErrorCode.INVALID_REQUEST, "manifest");
    }

    @Test
    void aKeyThatIsNoPlainPathUnderThePrefixRefusesTheWholePrefix() {
        bucket.put("imports/odd/P/1.jpg", photo(3)).put("imports/odd/P/../../../0123.jpg", photo(3));
        assertRefused("imports/odd/", FaceErrorCode.INVALID_REQUEST, "path");
        bucket.put("imports/double/P//1.jpg", photo(3));
        assertRefused("imports/double/", FaceErrorCode.INVALID_REQUEST, "path");
    }

    @Test
    void prefixesOutsideTheRootAreRefusedBeforeTheBucketIsAsked() {
        bucket.unavailable(true);
        assertRefused("other/", FaceErrorCode.INVALID_REQUEST, "outside_import_root");
        assertRefused("imports/../other/", FaceErrorCode.INVALID_REQUEST, "path");
        assertThatThrownBy(() -> source.list("imports/x/"))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.code()).isEqualTo(FaceErrorCode.UNAVAILABLE));
    }

    private void assertRefused(String prefix, FaceErrorCode code, String reason) {
        assertThatThrownBy(() -> source.list(prefix)).as(prefix).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.details()).containsEntry("field", "s3Prefix").containsEntry("reason", reason);
        });
    }
}
