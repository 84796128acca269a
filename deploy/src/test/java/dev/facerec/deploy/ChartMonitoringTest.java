package dev.facerec.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PrometheusRule is prometheus/rules/facerec.yml, the dashboards are grafana/dashboards, scraped as Prometheus does. */
class ChartMonitoringTest {
    private static final Path RULES = Chart.REPOSITORY.resolve("prometheus/rules/facerec.yml");
    private static final Path DASHBOARDS = Chart.REPOSITORY.resolve("grafana/dashboards");

    @Test
    void theChartsMonitoringFilesAreLinksToTheRepositorysOwn() throws IOException {
        Path files = Chart.DIRECTORY.resolve("files");
        for (var link : Map.of(
                        "prometheus-rules.yml", RULES,
                        "dashboards", DASHBOARDS,
                        "scripts/fetch-models.sh", Chart.REPOSITORY.resolve("scripts/fetch-models.sh"),
                        "scripts/models.sha256", Chart.REPOSITORY.resolve("scripts/models.sha256"),
                        "scripts/backup.sh", Chart.REPOSITORY.resolve("scripts/backup.sh"),
                        "scripts/restore.sh", Chart.REPOSITORY.resolve("scripts/restore.sh"),
                        "scripts/lib/ops.sh", Chart.REPOSITORY.resolve("scripts/lib/ops.sh"))
                .entrySet()) {
            Path path = files.resolve(link.getKey());
            assertThat(Files.isSymbolicLink(path)).as(link.getKey()).isTrue();
            assertThat(path.toRealPath()).isEqualTo(link.getValue().toRealPath());
        }
    }

    /** helm package resolves the links: a chart installed from its archive holds the same rules and scripts. */
    @Test
    void thePackagedChartCarriesTheLinkedFiles(@TempDir Path work) throws IOException {
        new Helm(Chart.DIRECTORY).packageIt().withDestination(work).call();
        Path archive;
        try (Stream<Path> packaged = Files.list(work)) {
            archive = packaged.filter(file -> file.toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow();
        }
        String rendered = Helm.template(archive.toString())
                .withName(Chart.RELEASE)
                .withKubeVersion(Chart.KUBE_VERSION)
                .withValuesFile(Chart.PRODUCTION)
                .set("secrets.existingSecret", Profile.SECRET)
                .call();

        assertThat(Yaml.at(Yaml.map(document(rendered, "prometheusrule.yaml")), "spec.groups"))
                .isEqualTo(Yaml.map(RULES).get("groups"));
        assertThat(rendered)
                .contains(Files.readString(Chart.REPOSITORY.resolve("scripts/backup.sh"))
                        .stripTrailing()
                        .indent(4)
                        .stripTrailing());
    }

    @Test
    void thePrometheusRulesGroupsEqualTheRulesFile() {
        String rendered = document(Profile.PRODUCTION.rendered().text(), "prometheusrule.yaml");
        Object renderedGroups = Yaml.at(Yaml.map(rendered), "spec.groups");

        assertThat(Profile.PRODUCTION.rendered().all(PrometheusRule.class)).hasSize(1);
        assertThat(renderedGroups).isEqualTo(Yaml.map(RULES).get("groups"));
    }

    @Test
    void theServiceMonitorScrapesTheMetricsPathWithTheLabelsTheRulesSelectOn() {
        ServiceMonitor cpu = Profile.PRODUCTION.rendered().one(ServiceMonitor.class);
        ServiceMonitor gpu = Profile.GPU.rendered().one(ServiceMonitor.class);
        String rules = Yaml.map(RULES).toString();
        var jobSelector = Pattern.compile("job=~\"([^\"]+)\"").matcher(rules);
        assertThat(jobSelector.find()).isTrue();
        String jobLabel = cpu.getSpec().getJobLabel();
        String job = Profile.PRODUCTION.rendered().all(io.fabric8.kubernetes.api.model.Service.class).stream()
                .map(service -> service.getMetadata().getLabels().get(jobLabel))
                .filter(value -> value != null)
                .findFirst()
                .orElseThrow();

        assertThat(job).matches(jobSelector.group(1));
        assertThat(cpu.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("management");
            assertThat(endpoint.getPath()).isEqualTo(ServiceFacts.read().prometheusPath());
        });
        assertThat(relabel(cpu, "gpu")).isEqualTo("false");
        assertThat(relabel(gpu, "gpu")).isEqualTo("true");
        assertThat(rules).contains("gpu=\"true\"");
    }

    @Test
    void everyDashboardIsAConfigMapForTheSidecarHoldingTheFileAsItIs() throws IOException {
        List<ConfigMap> maps = Profile.PRODUCTION.rendered().all(ConfigMap.class).stream()
                .filter(map -> "1".equals(map.getMetadata().getLabels().get("grafana_dashboard")))
                .toList();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            dashboards = files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }

        assertThat(dashboards).isNotEmpty();
        assertThat(maps).hasSameSizeAs(dashboards);
        for (Path dashboard : dashboards) {
            String name = dashboard.getFileName().toString();
            assertThat(maps)
                    .filteredOn(map -> map.getData().containsKey(name))
                    .singleElement()
                    .satisfies(map -> assertThat(map.getData().get(name))
                            .isEqualTo(Files.readString(dashboard).stripTrailing()));
        }
    }

    private static String relabel(ServiceMonitor monitor, String label) {
        return monitor.getSpec().getEndpoints().getFirst().getRelabelings().stream()
                .filter(relabeling -> label.equals(relabeling.getTargetLabel()))
                .findFirst()
                .orElseThrow()
                .getReplacement();
    }

    /** The document rendered from one template. */
    static String document(String rendered, String template) {
        String start = rendered.substring(rendered.indexOf("# Source: facerec/templates/" + template));
        int end = start.indexOf("\n---");
        return end < 0 ? start : start.substring(0, end);
    }
}
