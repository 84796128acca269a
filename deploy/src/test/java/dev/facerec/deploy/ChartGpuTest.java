package dev.facerec.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GPU replicas, and models fetched by the init container with the repository's own fetcher. */
class ChartGpuTest {
    @Test
    void gpuValuesAskForAGpuOnGpuNodesWithTheCudaImage() {
        Profile.Rendered rendered = Profile.GPU.rendered();
        PodSpec pod = Workloads.deployment(rendered).getSpec().getTemplate().getSpec();
        Container service = Workloads.service(rendered);

        assertThat(service.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
        assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(pod.getTolerations()).anySatisfy(toleration -> {
            assertThat(toleration.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(toleration.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(service.getImage()).endsWith("-gpu");
        assertThat(Workloads.serviceConfig(rendered).getData()).containsEntry("LOCAL_ML_DEVICE", "cuda");
    }

    @Test
    void cpuValuesAskForNoGpu() {
        Profile.Rendered rendered = Profile.PRODUCTION.rendered();
        PodSpec pod = Workloads.deployment(rendered).getSpec().getTemplate().getSpec();

        assertThat(Workloads.service(rendered).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(pod.getRuntimeClassName()).isNull();
        assertThat(Workloads.serviceConfig(rendered).getData()).containsEntry("LOCAL_ML_DEVICE", "cpu");
    }

    @Test
    void theInitContainerRunsTheRepositorysFetcherFromTheMirrorIntoTheModelsVolume() throws Exception {
        Profile.Rendered rendered = Profile.GPU.rendered();
        PodSpec pod = Workloads.deployment(rendered).getSpec().getTemplate().getSpec();
        Container fetcher = pod.getInitContainers().getFirst();
        Container service = Workloads.service(rendered);
        String script = fetcher.getCommand().getLast();
        String scriptFolder = script.substring(0, script.lastIndexOf('/'));
        var scriptsMount = fetcher.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(scriptFolder))
                .findFirst()
                .orElseThrow();
        String configMapName = pod.getVolumes().stream()
                .filter(volume -> volume.getName().equals(scriptsMount.getName()))
                .findFirst()
                .orElseThrow()
                .getConfigMap()
                .getName();
        ConfigMap scripts = rendered.named(ConfigMap.class, configMapName);
        Map<String, String> env = env(fetcher);

        assertThat(fetcher.getImage()).isEqualTo(service.getImage());
        assertThat(scripts.getData().get("fetch-models.sh"))
                .isEqualTo(Files.readString(Chart.REPOSITORY.resolve("scripts/fetch-models.sh"))
                        .stripTrailing());
        // The checksums beside the script, where it looks for them.
        assertThat(scripts.getData().get("models.sha256"))
                .isEqualTo(Files.readString(Chart.REPOSITORY.resolve("scripts/models.sha256"))
                        .stripTrailing());
        assertThat(env).containsEntry("MODELS_MIRROR", "https://models.mirror.test/facerec");
        String modelsDirectory = env.get("FACE_MODELS_DIR");
        assertThat(Workloads.serviceConfig(rendered).getData()).containsEntry("FACE_MODELS_DIR", modelsDirectory);
        String volume = mountAt(fetcher, modelsDirectory);
        assertThat(mountAt(service, modelsDirectory)).isEqualTo(volume);
        assertThat(pod.getVolumes().stream()
                        .filter(v -> v.getName().equals(volume))
                        .findFirst()
                        .orElseThrow()
                        .getEmptyDir())
                .isNotNull();
    }

    private static String mountAt(Container container, String path) {
        return container.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(path))
                .findFirst()
                .orElseThrow()
                .getName();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(
                        io.fabric8.kubernetes.api.model.EnvVar::getName,
                        io.fabric8.kubernetes.api.model.EnvVar::getValue));
    }
}
