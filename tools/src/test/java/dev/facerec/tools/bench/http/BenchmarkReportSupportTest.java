package dev.facerec.tools.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchmarkReportSupportTest {
    @Test
    void theHeapAfterGcIsTheLargestOccupancyAfterACollectionInTheLog() {
        String log = """
                [0.010s][info][gc] Using G1
                [5.120s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 410M->120M(1024M) 12.345ms
                [6.001s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 900M->700M(1024M) 3.1ms
                [6.300s][info][gc] GC(1) Concurrent Mark Cycle 80.2ms
                [7.000s][info][gc] GC(2) Pause Full (G1 Compaction Pause) 1G->512K(2G) 40ms
                """;

        ServiceMemory.AfterGc afterGc = ServiceMemory.afterGc(log);

        assertThat(afterGc.collections()).isEqualTo(3);
        assertThat(afterGc.maxBytes()).isEqualTo(700L << 20);
        assertThat(ServiceMemory.afterGc("[0.010s][info][gc] Using G1\n").maxBytes())
                .isEqualTo(-1);
    }

    @Test
    void optionsSplitBetweenTheReportAndThePipeline() {
        ReportOptions options = ReportOptions.parse(
                "--data",
                "d",
                "--models",
                "m",
                "--people",
                "40",
                "--images",
                "20",
                "--parts",
                "photos",
                "--java-opts",
                "--enable-native-access=ALL-UNNAMED -Xmx1g");

        assertThat(options.people()).isEqualTo(40);
        assertThat(options.pipeline().images()).isEqualTo(20);
        assertThat(options.parts()).isEqualTo(Set.of("photos"));
        assertThat(options.javaOptions()).isEqualTo("--enable-native-access=ALL-UNNAMED -Xmx1g");
        assertThat(ReportOptions.parse("--data", "d", "--models", "m").repeats())
                .isEqualTo(10);
    }

    @Test
    void badOptionsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> ReportOptions.parse("--data", "d", "--models", "m", "--parts", "all"))
                .hasMessageContaining("usage: BenchmarkReport");
        assertThatThrownBy(() -> ReportOptions.parse("--data", "d", "--models", "m", "--nonsense", "1"))
                .hasMessageContaining("usage: BenchmarkReport");
        assertThatThrownBy(() -> ReportOptions.parse("--data", "d", "--models", "m", "--people"))
                .hasMessageContaining("needs a value");
    }
}
