package dev.facerec.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The backup CronJob runs the repository's scripts/backup.sh as it expects to be laid out. */
class ChartBackupTest {
    @Test
    void theCronJobRunsTheRepositorysBackupScriptOntoTheBackupVolume() throws Exception {
        Profile.Rendered rendered = Profile.PRODUCTION.rendered();
        CronJob cronJob = rendered.one(CronJob.class);
        PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        Container backup = pod.getContainers().getFirst();
        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        Map<String, String> env = backup.getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        String script = backup.getCommand().getLast();
        String folder = script.substring(0, script.lastIndexOf('/'));
        VolumeMount scriptsMount = mountAt(backup, folder);
        Volume scripts = volumes.get(scriptsMount.getName());
        ConfigMap scriptsMap =
                rendered.named(ConfigMap.class, scripts.getConfigMap().getName());
        Map<String, String> layout = scripts.getConfigMap().getItems().stream()
                .collect(Collectors.toMap(KeyToPath::getPath, KeyToPath::getKey));

        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(script).endsWith("/backup.sh");
        // backup.sh sources lib/ops.sh beside itself.
        assertThat(scriptsMap.getData().get(layout.get("backup.sh"))).isEqualTo(repositoryFile("scripts/backup.sh"));
        assertThat(scriptsMap.getData().get(layout.get("lib/ops.sh"))).isEqualTo(repositoryFile("scripts/lib/ops.sh"));
        assertThat(scriptsMap.getData().get(layout.get("restore.sh"))).isEqualTo(repositoryFile("scripts/restore.sh"));
        assertThat(volumes.get(mountAt(backup, env.get("BACKUP_DIR")).getName()).getPersistentVolumeClaim())
                .isNotNull();
        // mc, copied by the init container into a folder on the PATH.
        Container mc = pod.getInitContainers().getFirst();
        String copiedTo = mc.getCommand().getLast();
        String toolsFolder = copiedTo.substring(0, copiedTo.lastIndexOf('/'));
        assertThat(List.of(env.get("PATH").split(":"))).contains(toolsFolder);
        assertThat(mountAt(mc, toolsFolder).getName())
                .isEqualTo(mountAt(backup, toolsFolder).getName());
        assertThat(backup.getEnvFrom().getFirst().getConfigMapRef().getName())
                .isEqualTo(Workloads.serviceConfig(rendered).getMetadata().getName());
    }

    @Test
    void backupsNeedTheExternalDatabaseAndBucket() {
        assertThatThrownBy(() -> Chart.render(
                        List.of(), Chart.sets("backup.enabled", "true", "replicaCount", "1", "s3.endpoint", "")))
                .hasMessageContaining("backup.enabled");
    }

    private static VolumeMount mountAt(Container container, String path) {
        return container.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has nothing mounted at " + path));
    }

    private static String repositoryFile(String path) throws java.io.IOException {
        return Files.readString(Chart.REPOSITORY.resolve(path)).stripTrailing();
    }
}
