package dev.facerec.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** helm lint and helm template for the three value sets, and every rendered object parsed strictly. */
class ChartRenderingTest {
    @Test
    void theChartAsItIsPassesStrictLint() {
        assertLintPasses(Chart.lint());
    }

    @Test
    void productionValuesPassStrictLint(@TempDir Path work) {
        assertLintPasses(
                Chart.lintWith(List.of(Chart.PRODUCTION), Map.of("secrets.existingSecret", Profile.SECRET), work));
    }

    @Test
    void gpuValuesPassStrictLint(@TempDir Path work) {
        assertLintPasses(Chart.lintWith(
                List.of(Chart.PRODUCTION, Chart.GPU), Map.of("secrets.existingSecret", Profile.SECRET), work));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyRenderedObjectIsAKindTheModelKnowsAndParsesStrictly(Profile profile) {
        Profile.Rendered rendered = profile.rendered();

        assertThat(rendered.objects()).isNotEmpty();
        assertThat(rendered.objects())
                .allSatisfy(object -> assertThat(object.getMetadata().getName()).isNotBlank());
        assertThat(rendered.all(Deployment.class)).hasSize(1);
        assertThat(rendered.all(ServiceAccount.class)).hasSize(1);
        assertThat(rendered.all(NetworkPolicy.class)).hasSize(1);
        assertThat(rendered.all(PodDisruptionBudget.class)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = Profile.class,
            names = {"PRODUCTION", "GPU"})
    void productionRendersEveryPart(Profile profile) {
        Profile.Rendered rendered = profile.rendered();

        assertThat(rendered.objects())
                .extracting(HasMetadata::getKind)
                .contains(
                        "Deployment",
                        "Service",
                        "ConfigMap",
                        "Ingress",
                        "NetworkPolicy",
                        "PodDisruptionBudget",
                        "ServiceMonitor",
                        "PrometheusRule",
                        "CronJob");
        assertThat(rendered.all(ServiceMonitor.class)).hasSize(1);
        assertThat(rendered.all(PrometheusRule.class)).hasSize(1);
        assertThat(rendered.all(Ingress.class)).hasSize(1);
        assertThat(rendered.all(CronJob.class)).hasSize(1);
        assertThat(rendered.all(Service.class)).hasSize(2);
        assertThat(rendered.all(ConfigMap.class)).hasSizeGreaterThan(3);
        if (profile == Profile.PRODUCTION) {
            assertThat(rendered.all(HorizontalPodAutoscaler.class)).hasSize(1);
        }
    }

    @Test
    void aMisspelledFieldFailsTheStrictParse() {
        String deployment = deploymentText();
        String misspelled = deployment.replaceFirst("readOnlyRootFilesystem:", "readOnlyRootFileSystem:");
        assertThat(misspelled).isNotEqualTo(deployment);

        assertThatThrownBy(() -> new StrictKubernetes().parse(misspelled))
                .hasMessageContaining("readOnlyRootFileSystem");
    }

    @Test
    void aFieldAtTheWrongLevelFailsTheStrictParse() {
        String deployment = deploymentText();
        // terminationGracePeriodSeconds belongs to the pod, not the container.
        String misplaced = deployment.replaceFirst(
                "(?m)^( +)imagePullPolicy: IfNotPresent$",
                "$1imagePullPolicy: IfNotPresent\n$1terminationGracePeriodSeconds: 45");
        assertThat(misplaced).isNotEqualTo(deployment);

        assertThatThrownBy(() -> new StrictKubernetes().parse(misplaced))
                .hasMessageContaining("terminationGracePeriodSeconds");
    }

    @Test
    void aValueOfTheWrongTypeFailsTheStrictParse() {
        String deployment = deploymentText();
        String wrongType = deployment.replaceFirst("replicas: 3", "replicas: three");
        assertThat(wrongType).isNotEqualTo(deployment);

        assertThatThrownBy(() -> new StrictKubernetes().parse(wrongType)).hasMessageContaining("three");
    }

    @Test
    void aDuplicateKeyFailsTheStrictParse() {
        String deployment = deploymentText();
        String duplicate = deployment.replaceFirst("(?m)^( +)replicas: 3$", "$1replicas: 3\n$1replicas: 4");
        assertThat(duplicate).isNotEqualTo(deployment);

        assertThatThrownBy(() -> new StrictKubernetes().parse(duplicate)).hasMessageContaining("replicas");
    }

    @Test
    void aKindTheModelDoesNotKnowCannotPass() {
        assertThatThrownBy(
                        () -> new StrictKubernetes()
                                .parse(
                                        "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: x\nspec:\n  anything: 1\n"))
                .hasMessageContaining("Gadget");
    }

    @Test
    void aMisspelledValueIsRefusedByTheSchema() {
        assertThatThrownBy(() -> Chart.render(List.of(), Chart.sets("replicaCont", "5")))
                .hasMessageContaining("replicaCont");
        assertThatThrownBy(() -> Chart.render(List.of(), Chart.sets("probes.readines.periodSeconds", "5")))
                .hasMessageContaining("readines");
    }

    private static String deploymentText() {
        String rendered = Profile.DEFAULT.rendered().text();
        String start = rendered.substring(rendered.indexOf("# Source: facerec/templates/deployment.yaml"));
        int end = start.indexOf("\n---");
        return end < 0 ? start : start.substring(0, end);
    }

    private static void assertLintPasses(LintResult result) {
        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages())
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }
}
