package dev.facerec.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportPrefixTest {
    private final ImportPrefix root = ImportPrefix.root("imports/");

    @Test
    void theRootIsAFolderAndTheTopOfTheBucketIsNever() {
        assertThat(ImportPrefix.root("imports").value()).isEqualTo("imports/");
        assertThat(ImportPrefix.root("team/imports/").value()).isEqualTo("team/imports/");
        for (String bad : new String[] {"", "/", "//", "/imports/", "a//b/", "../imports/", "imports/./", "a\\b/"}) {
            assertThatThrownBy(() -> ImportPrefix.root(bad))
                    .as("'" + bad + "'")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("folder of the bucket");
        }
    }

    @Test
    void aRequestedPrefixUnderTheRootIsAFolderEndingInASlash() {
        assertThat(root.resolve("imports/staff/2026").value()).isEqualTo("imports/staff/2026/");
        assertThat(root.resolve("imports/staff/").value()).isEqualTo("imports/staff/");
        assertThat(root.resolve("imports").value()).as("the root itself").isEqualTo("imports/");
        assertThat(root.resolve("imports/Ünïcode names ok/").value()).isEqualTo("imports/Ünïcode names ok/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"other/", "importsX/", "imports-2026/", "a/imports/", "Imports/"})
    void aPrefixOutsideTheRootIsRefusedNamingTheRoot(String requested) {
        assertThatThrownBy(() -> root.resolve(requested)).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(FaceErrorCode.INVALID_REQUEST);
            assertThat(e.details())
                    .containsEntry("field", "s3Prefix")
                    .containsEntry("reason", "outside_import_root")
                    .containsEntry("importRoot", "imports/");
            assertThat(e.getMessage()).contains("JOBS_S3_IMPORT_PREFIX");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/",
                "/imports/a/",
                "imports/../secret/",
                "imports/a/../../x/",
                "imports/..",
                "imports/./a/",
                "imports//a/",
                "imports\\a/",
                "imports/a\u0000b/",
                "imports/a\nb/",
                "imports/a\u007fb/"
            })
    void anUnsafePathIsRefusedWhereverItPoints(String requested) {
        assertThatThrownBy(() -> root.resolve(requested)).isInstanceOfSatisfying(FaceException.class, e -> {
            assertThat(e.code()).isEqualTo(FaceErrorCode.INVALID_REQUEST);
            assertThat(e.details()).containsEntry("field", "s3Prefix").containsEntry("reason", "path");
            assertThat(e.getMessage()).doesNotContain("\u0000").doesNotContain("\n");
        });
    }

    @Test
    void aPrefixLongerThanTheLimitIsRefused() {
        String longest = "imports/" + "a".repeat(ImportPrefix.MAX_LENGTH - "imports/".length() - 1) + "/";
        assertThat(root.resolve(longest).value()).hasSize(ImportPrefix.MAX_LENGTH);
        assertThatThrownBy(() -> root.resolve("imports/" + "a".repeat(ImportPrefix.MAX_LENGTH)))
                .isInstanceOfSatisfying(
                        FaceException.class, e -> assertThat(e.details()).containsEntry("reason", "path"));
    }

    @Test
    void relativePathsUnderAPrefixArePlain() {
        assertThat(ImportPrefix.isSafeRelativePath("Ada_Lovelace/1.jpg")).isTrue();
        assertThat(ImportPrefix.isSafeRelativePath("a/b/c.png")).isTrue();
        for (String bad : new String[] {"", "/a.jpg", "../a.jpg", "a/../b.jpg", "a//b.jpg", "./a.jpg", "a\\b.jpg"}) {
            assertThat(ImportPrefix.isSafeRelativePath(bad)).as(bad).isFalse();
        }
        assertThat(ImportPrefix.isSafeRelativePath("a/" + "b".repeat(ImportPrefix.MAX_PATH_LENGTH)))
                .isFalse();
    }

    @Test
    void aRootContainsItselfAndTheFoldersUnderIt() {
        assertThat(root.contains(new ImportPrefix("imports/"))).isTrue();
        assertThat(root.contains(new ImportPrefix("imports/a/"))).isTrue();
        assertThat(root.contains(new ImportPrefix("importsX/"))).isFalse();
        assertThatThrownBy(() -> new ImportPrefix("imports")).isInstanceOf(IllegalArgumentException.class);
        assertThat(root.holds("imports/a/b.jpg")).isTrue();
        assertThat(root.holds("imports/")).as("the folder, no object in it").isFalse();
        assertThat(root.holds("imports/../" + "0".repeat(64))).isFalse();
        assertThat(root.holds("0".repeat(64)))
                .as("a key of the service's own images")
                .isFalse();
    }
}
