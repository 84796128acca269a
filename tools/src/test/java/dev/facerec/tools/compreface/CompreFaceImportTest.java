package dev.facerec.tools.compreface;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import over real HTTP between two local stand-ins: paging, resuming, retries and one image's failure. */
class CompreFaceImportTest {
    @TempDir
    Path folder;

    private FakeCompreFace source;
    private FakeFacerec target;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        source = new FakeCompreFace();
        target = new FakeFacerec();
    }

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    @Test
    void copiesEverySubjectAndImageAcrossPages() throws Exception {
        source.subject("Ada").subject("Grace").subject("Edsger");
        for (int i = 0; i < 4; i++) {
            source.example("Ada", ("ada-" + i).getBytes(UTF_8));
        }
        for (int i = 0; i < 3; i++) {
            source.example("Grace", ("grace-" + i).getBytes(UTF_8));
        }

        int status = importInto(target.galleryId.toString());

        assertThat(status).as(err.toString(UTF_8)).isZero();
        assertThat(target.personNames()).containsExactly("Ada", "Edsger", "Grace");
        assertThat(target.externalId("Ada")).isEqualTo("Ada");
        assertThat(target.facesOf("Ada")).containsExactly("ada-0", "ada-1", "ada-2", "ada-3");
        assertThat(target.facesOf("Grace")).containsExactly("grace-0", "grace-1", "grace-2");
        assertThat(out.toString(UTF_8))
                .contains("subjects:  3 (3 persons created")
                .contains("images:    7")
                .contains("imported:  7 (7 by this run, 0 by earlier runs)")
                .contains("failed:    0");
        assertThat(err.toString(UTF_8)).contains("7/7 images (100.0%)");
        assertThat(stateLines("imported")).hasSize(7);
    }

    @Test
    void aRerunSkipsWhatIsDoneAndFindsThePersonsByNameWhateverTheirCase() throws Exception {
        source.subject("Ada");
        source.example("Ada", "ada-0".getBytes(UTF_8));
        source.example("ada", "ada-1".getBytes(UTF_8));
        assertThat(importInto("staff")).isZero();
        int posts = target.enrolPosts.get();
        int downloads = source.imageDownloads.get();

        assertThat(importInto("staff")).isZero();

        assertThat(target.personNames()).containsExactly("Ada");
        assertThat(target.faceCount()).isEqualTo(2);
        assertThat(target.enrolPosts.get()).isEqualTo(posts);
        assertThat(source.imageDownloads.get()).isEqualTo(downloads);
        assertThat(out.toString(UTF_8)).contains("imported:  2 (0 by this run, 2 by earlier runs)");
    }

    @Test
    void anImportStoppedHalfWayContinuesWhereItStoppedWithoutDoubles() throws Exception {
        source.subject("Ada");
        for (int i = 0; i < 6; i++) {
            source.example("Ada", ("ada-" + i).getBytes(UTF_8));
        }
        target.revokeAfter(4);

        assertThat(importInto("staff")).isEqualTo(1);
        assertThat(err.toString(UTF_8)).contains("refused FACEREC_API_KEY").contains("run the same command again");
        assertThat(target.faceCount()).isEqualTo(4);

        target.revokeAfter(Integer.MAX_VALUE);
        assertThat(importInto("staff")).isZero();
        assertThat(target.facesOf("Ada")).containsExactly("ada-0", "ada-1", "ada-2", "ada-3", "ada-4", "ada-5");
        assertThat(out.toString(UTF_8)).contains("imported:  6 (2 by this run, 4 by earlier runs)");
    }

    @Test
    void aCrashWhileWritingTheStateLosesNothingAndDoublesNothing() throws Exception {
        source.subject("Ada");
        for (int i = 0; i < 3; i++) {
            source.example("Ada", ("ada-" + i).getBytes(UTF_8));
        }
        assertThat(importInto("staff")).isZero();
        Path state = stateFile();
        String text = Files.readString(state);
        // The process died while it wrote the last line: half of it reached the disk.
        Files.writeString(state, text.substring(0, text.length() - 30));

        assertThat(importInto("staff")).isZero();

        assertThat(target.faceCount()).isEqualTo(3);
        assertThat(stateLines("imported")).hasSize(3);
        assertThat(Files.readString(state)).endsWith("\n").doesNotContain("\n\n");
    }

    @Test
    void aLostAnswerIsRetriedWithTheSameIdempotencyKeyAndGivesOneFace() throws Exception {
        source.subject("Ada");
        source.example("Ada", "lost".getBytes(UTF_8));

        assertThat(importInto("staff")).as(err.toString(UTF_8)).isZero();

        assertThat(target.enrolPosts.get()).isEqualTo(2);
        assertThat(target.faceCount()).isEqualTo(1);
    }

    @Test
    void oneImageFailingDoesNotStopTheOthersAndTheSummarySaysWhy() throws Exception {
        source.subject("Ada");
        source.example("Ada", "ada-0".getBytes(UTF_8));
        String noFace = source.example("Ada", "noface-1".getBytes(UTF_8));
        String empty = source.example("Ada", new byte[0]);
        String broken = source.example("Ada", "ada-3".getBytes(UTF_8));
        source.failImage(broken, Integer.MAX_VALUE);
        String flaky = source.example("Ada", "ada-4".getBytes(UTF_8));
        source.failImage(flaky, 2);
        source.example("Ada", "flaky-5".getBytes(UTF_8));
        String slow = source.example("Ada", "ada-6".getBytes(UTF_8));
        source.slowImageOnce(slow, 1_500);

        int status = importInto("staff");

        assertThat(status).isEqualTo(2);
        assertThat(target.facesOf("Ada")).containsExactly("ada-0", "ada-4", "ada-6", "flaky-5");
        assertThat(out.toString(UTF_8))
                .contains("imported:  4 (4 by this run")
                .contains("skipped:   1")
                .containsPattern("SOURCE_KEPT_NO_IMAGE +1, e.g. " + empty)
                .contains("failed:    2")
                .containsPattern("NO_FACE +1, e.g. " + noFace)
                .containsPattern("SOURCE_IMAGE_UNAVAILABLE +1, e.g. " + broken);
        assertThat(stateLines("failed"))
                .anySatisfy(line -> assertThat(line).startsWith("failed\t" + noFace + "\tNO_FACE No face was found"));
    }

    @Test
    void aRefusedImageIsNotRetriedButAServerErrorIs() throws Exception {
        source.subject("Ada");
        source.example("Ada", "noface-0".getBytes(UTF_8));
        source.example("Ada", "flaky-1".getBytes(UTF_8));

        importInto("staff");

        assertThat(target.enrolPosts.get()).isEqualTo(3);
        assertThat(target.faceCount()).isEqualTo(1);
    }

    @Test
    void aPersonErasedSinceAnEarlierRunIsMadeAgain() throws Exception {
        source.subject("Ada");
        source.example("Ada", "ada-0".getBytes(UTF_8));
        assertThat(importInto("staff")).isZero();
        target.erase("Ada");
        source.example("Ada", "ada-1".getBytes(UTF_8));

        assertThat(importInto("staff")).isZero();

        assertThat(target.facesOf("Ada")).containsExactly("ada-1");
    }

    @Test
    void aStateFileOfAnotherImportIsNotUsed() throws Exception {
        source.subject("Ada");
        Path state = folder.resolve("state.tsv");
        Files.writeString(state, "facerec-compreface-import\t1\thttp://elsewhere\t" + target.galleryId + "\n");

        assertThat(importInto("staff")).isEqualTo(1);
        assertThat(err.toString(UTF_8)).contains("is the state of another import");
        assertThat(target.personNames()).isEmpty();
    }

    @Test
    void aWrongSourceKeyStopsAtOnceAndSaysWhich() throws Exception {
        var options = options(target.galleryId.toString());
        var wrong = new ImportOptions(
                options.sourceUrl(),
                "00000000-0000-0000-0000-000000000000",
                options.facerecUrl(),
                options.facerecKey(),
                options.gallery(),
                options.state(),
                3,
                options.connectTimeout(),
                options.requestTimeout(),
                2,
                Duration.ofMillis(10));

        assertThat(CompreFaceImport.run(wrong, print(out), print(err))).isEqualTo(1);
        assertThat(err.toString(UTF_8)).contains("HTTP 404").contains("recognition service");
    }

    @Test
    void keysComeFromTheEnvironmentOnlyAndNeverShowInTheOptions() {
        var env = Map.of("COMPREFACE_API_KEY", "source-secret", "FACEREC_API_KEY", "target-secret");
        ImportOptions options =
                ImportOptions.parse(new String[] {"--source", "http://cf:8000", "--gallery", "staff"}, env, print(err));

        assertThat(options.sourceKey()).isEqualTo("source-secret");
        assertThat(options.facerecUrl()).isEqualTo("http://localhost:8000");
        assertThat(options.toString()).doesNotContain("secret");
        assertThat(ImportOptions.parse(
                        new String[] {"--source", "http://cf:8000", "--gallery", "staff"},
                        Map.of("COMPREFACE_API_KEY", "x"),
                        print(err)))
                .isNull();
        assertThat(err.toString(UTF_8)).contains("FACEREC_API_KEY is not set");
        assertThat(ImportOptions.parse(new String[] {"--source", "http://cf", "--key", "x"}, env, print(err)))
                .isNull();
    }

    @Test
    void progressGivesTheRateOfThisRunsUploadsAndTheTimeLeft() {
        long[] now = {0};
        var progress = new Progress(print(err), () -> now[0], Duration.ofSeconds(2));
        progress.total(100);
        for (int i = 0; i < 40; i++) {
            progress.advance(false);
        }
        for (int i = 0; i < 10; i++) {
            now[0] += 500_000_000L;
            progress.advance(true);
        }

        assertThat(progress.line(now[0])).isEqualTo("import-compreface: 50/100 images (50.0%), 2.0 images/s, ETA 25s");
        assertThat(Progress.duration(Duration.ofSeconds(3723))).isEqualTo("1h 02m 03s");
    }

    private int importInto(String gallery) throws InterruptedException {
        out.reset();
        err.reset();
        return CompreFaceImport.run(options(gallery), print(out), print(err));
    }

    private ImportOptions options(String gallery) {
        return new ImportOptions(
                source.url(),
                FakeCompreFace.KEY,
                target.url(),
                FakeFacerec.KEY,
                gallery,
                stateFile(),
                3,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                4,
                Duration.ofMillis(10));
    }

    private Path stateFile() {
        return folder.resolve("state.tsv");
    }

    private List<String> stateLines(String kind) throws Exception {
        return Files.readAllLines(stateFile()).stream()
                .filter(line -> line.startsWith(kind + "\t"))
                .toList();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, UTF_8);
    }
}
