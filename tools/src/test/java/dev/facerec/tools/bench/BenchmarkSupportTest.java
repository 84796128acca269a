package dev.facerec.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchmarkSupportTest {
    @Test
    void theSampleIsEvenlySpacedAndDeterministic() {
        List<Integer> all = IntStream.range(0, 100).boxed().toList();
        assertThat(BenchmarkPhotos.evenlySpaced(all, 4)).containsExactly(0, 25, 50, 75);
        assertThat(BenchmarkPhotos.evenlySpaced(all, 3)).containsExactly(0, 33, 66);
        assertThat(BenchmarkPhotos.evenlySpaced(all, 500)).isEqualTo(all);
    }

    @Test
    void optionsHaveDefaultsAndPassThreadsAndConcurrencyToTheConfig() {
        BenchmarkOptions defaults = BenchmarkOptions.parse("--data", "d", "--models", "m");
        assertThat(defaults.images()).isEqualTo(300);
        assertThat(defaults.config().recognizerPack()).isEqualTo("faceplugin-512");
        assertThat(defaults.config().threads()).isZero();

        BenchmarkOptions options = BenchmarkOptions.parse(
                "--data",
                "d",
                "--models",
                "m",
                "--images",
                "40",
                "--recognizer",
                "mobilefacenet-128",
                "--threads",
                "1",
                "--concurrency",
                "2");
        assertThat(options.config().modelsDirectory()).isEqualTo(Path.of("m"));
        assertThat(options.config().recognizerPack()).isEqualTo("mobilefacenet-128");
        assertThat(options.config().threads()).isEqualTo(1);
        assertThat(options.config().concurrency()).isEqualTo(2);
    }

    @Test
    void unknownOrIncompleteOptionsAreRejectedWithTheUsage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--data", "d")).hasMessageContaining("usage");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--data", "d", "--models", "m", "--imgs", "4"))
                .hasMessageContaining("--imgs");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--data", "d", "--models"))
                .hasMessageContaining("--models");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--data", "d", "--models", "m", "--images", "0"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tablesAlignFiguresRightAndTextLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TextTable("stage", "median ms")
                .row("decode", "2.41")
                .row("embed", "14.3")
                .print(new PrintStream(bytes));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("stage   median ms", "------  ---------", "decode       2.41", "embed        14.3");
        assertThatThrownBy(() -> new TextTable("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReducedDecodeIsTheCoarsestThatStillCoversWhatDetectionLooksAt() {
        assertThat(OpenCvReference.Decode.coarsestCovering(4600, 1920)).isEqualTo(OpenCvReference.Decode.REDUCED_2);
        assertThat(OpenCvReference.Decode.coarsestCovering(7000, 1920)).isEqualTo(OpenCvReference.Decode.REDUCED_2);
        assertThat(OpenCvReference.Decode.coarsestCovering(7680, 1920)).isEqualTo(OpenCvReference.Decode.REDUCED_4);
        assertThat(OpenCvReference.Decode.coarsestCovering(8000, 640)).isEqualTo(OpenCvReference.Decode.REDUCED_8);
        // Smaller than the detection side: nothing covers, so 1/2 as the nearest reduced decode.
        assertThat(OpenCvReference.Decode.coarsestCovering(2048, 1920)).isEqualTo(OpenCvReference.Decode.REDUCED_2);
        assertThat(OpenCvReference.Decode.covers(OpenCvReference.Decode.REDUCED_2, 2048, 1920))
                .isFalse();
        assertThat(OpenCvReference.Decode.covers(OpenCvReference.Decode.FULL, 2048, 1920))
                .isTrue();
    }
}
