package dev.facerec.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Deployment: probes on what the service serves, security context, rolling updates, graceful stop, spread. */
class ChartWorkloadTest {
    private static final ServiceFacts SERVICE = ServiceFacts.read();

    @ParameterizedTest
    @EnumSource(Profile.class)
    void probesHitTheProbePathsOnThePortTheServiceManagesOn(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        Container service = Workloads.service(rendered);
        Map<String, String> config = Workloads.serviceConfig(rendered).getData();
        int managementPort = Integer.parseInt(config.get(SERVICE.managementPortVariable()));

        assertThat(managementPort).isEqualTo(SERVICE.managementPort());
        assertThat(Workloads.containerPort(service, "management")).isEqualTo(managementPort);
        assertThat(Workloads.containerPort(service, "http"))
                .isEqualTo(Integer.parseInt(config.get(SERVICE.apiPortVariable())))
                .isEqualTo(SERVICE.apiPort());
        // The management port listens on loopback unless told otherwise; the kubelet probes the pod's address.
        assertThat(SERVICE.managementAddressDefault()).startsWith("127.");
        assertThat(config.get(SERVICE.managementAddressVariable())).isEqualTo("0.0.0.0");

        assertProbe(service.getStartupProbe(), SERVICE.livenessPath(), service, managementPort);
        assertProbe(service.getLivenessProbe(), SERVICE.livenessPath(), service, managementPort);
        assertProbe(service.getReadinessProbe(), SERVICE.readinessPath(), service, managementPort);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyContainerRunsRestricted(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        for (PodSpec pod : Workloads.podSpecs(rendered)) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            // Service links add REDIS_PORT=tcp://... for a Service named redis, shadowing the setting.
            assertThat(pod.getEnableServiceLinks()).isFalse();
            assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            for (Container container : Workloads.containers(pod)) {
                SecurityContext context = container.getSecurityContext();
                assertThat(context).as(container.getName()).isNotNull();
                assertThat(context.getAllowPrivilegeEscalation())
                        .as(container.getName())
                        .isFalse();
                assertThat(context.getReadOnlyRootFilesystem())
                        .as(container.getName())
                        .isTrue();
                assertThat(context.getPrivileged()).as(container.getName()).isNotEqualTo(Boolean.TRUE);
                assertThat(context.getCapabilities().getDrop())
                        .as(container.getName())
                        .containsExactly("ALL");
                assertThat(context.getCapabilities().getAdd())
                        .as(container.getName())
                        .isEmpty();
                Long user = context.getRunAsUser() != null
                        ? context.getRunAsUser()
                        : pod.getSecurityContext().getRunAsUser();
                assertThat(user).as(container.getName()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theServiceWritesOnlyToEmptyDirsAtItsDataAndTemporaryFolders(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        PodSpec pod = Workloads.deployment(rendered).getSpec().getTemplate().getSpec();
        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        Container service = Workloads.service(rendered);
        Map<String, String> config = Workloads.serviceConfig(rendered).getData();

        Map<String, VolumeMount> writable = service.getVolumeMounts().stream()
                .filter(mount -> !Boolean.TRUE.equals(mount.getReadOnly()))
                .collect(Collectors.toMap(VolumeMount::getMountPath, Function.identity()));
        // FACEREC_DATA_DIR (generated secrets, embedded database) and java.io.tmpdir (ONNX Runtime's native library,
        // Tomcat's uploads, memory-mapped vectors).
        assertThat(writable.keySet()).containsExactlyInAnyOrder(config.get("FACEREC_DATA_DIR"), "/tmp");
        assertThat(writable.values())
                .allSatisfy(mount -> assertThat(volumes.get(mount.getName()).getEmptyDir())
                        .as(mount.getMountPath())
                        .isNotNull());
        VolumeMount models = service.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(config.get("FACE_MODELS_DIR")))
                .findFirst()
                .orElseThrow();
        assertThat(models.getReadOnly()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void rollingUpdatesNeverDropBelowTheDesiredCountAndSpreadAcrossNodes(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        Deployment deployment = Workloads.deployment(rendered);

        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
                .isEqualTo(new IntOrString(0));
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .anySatisfy(constraint -> {
                    assertThat(constraint.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertThat(constraint.getMaxSkew()).isEqualTo(1);
                    assertThat(constraint.getLabelSelector().getMatchLabels())
                            .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                });
        PodDisruptionBudget budget = rendered.one(PodDisruptionBudget.class);
        assertThat(budget.getSpec().getSelector())
                .isEqualTo(deployment.getSpec().getSelector());
        assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(service(deployment).getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(service(deployment).getResources().getLimits()).containsKey("memory");
    }

    @ParameterizedTest
    @EnumSource(
            value = Profile.class,
            names = {"DEFAULT", "PRODUCTION"})
    void threeReplicasByDefaultAndAtLeastThreeUnderTheAutoscaler(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        Integer replicas = Workloads.deployment(rendered).getSpec().getReplicas();
        if (profile == Profile.DEFAULT) {
            assertThat(replicas).isEqualTo(3);
        } else {
            var autoscaler = rendered.one(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class);
            assertThat(replicas).as("left to the autoscaler").isNull();
            assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(3);
            assertThat(autoscaler.getSpec().getScaleTargetRef().getName())
                    .isEqualTo(Workloads.deployment(rendered).getMetadata().getName());
            assertThat(autoscaler.getSpec().getMetrics())
                    .singleElement()
                    .satisfies(
                            metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void terminationGraceOutlastsThePreStopPauseAndTheDrain(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        PodSpec pod = Workloads.deployment(rendered).getSpec().getTemplate().getSpec();
        Container service = Workloads.service(rendered);
        String drain = Workloads.serviceConfig(rendered).getData().get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
        List<String> preStop = service.getLifecycle().getPreStop().getExec().getCommand();

        assertThat(preStop.getFirst()).isEqualTo("sleep");
        Duration needed = Duration.parse("PT" + drain.toUpperCase()).plusSeconds(Long.parseLong(preStop.get(1)));
        assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds())).isGreaterThan(needed);
    }

    @org.junit.jupiter.api.Test
    void aGracePeriodShorterThanTheDrainIsRefused() {
        assertThatThrownBy(() -> Chart.render(List.of(), Chart.sets("shutdown.terminationGracePeriodSeconds", "30")))
                .hasMessageContaining("terminationGracePeriodSeconds");
    }

    @org.junit.jupiter.api.Test
    void severalReplicasWithoutTheSharedDatabaseAreRefused() {
        assertThatThrownBy(() -> Chart.render(List.of(), Chart.sets("database.host", "")))
                .hasMessageContaining("database.host");
    }

    private static Container service(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static void assertProbe(Probe probe, String path, Container container, int managementPort) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        IntOrString port = probe.getHttpGet().getPort();
        int resolved =
                port.getIntVal() != null ? port.getIntVal() : Workloads.containerPort(container, port.getStrVal());
        assertThat(resolved).isEqualTo(managementPort);
    }
}
