package dev.facerec.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every secret comes from an existing Secret; none can be typed into values; production refuses to go without. */
class ChartSecretsTest {
    /** The names scripts/validate-deploy.sh treats as secrets in the compose files, and MODELS_MIRROR (credentials). */
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|ACCESS_KEY|TOKEN|ENCRYPTION_KEY");

    private static final List<String> SERVICE_SECRETS = List.of(
            "JWT_SECRET_KEY",
            "ENCRYPTION_KEY",
            "ENCRYPTION_PREVIOUS_KEYS",
            "FACEREC_ADMIN_PASSWORD",
            "DATABASE_PASSWORD",
            "REDIS_PASSWORD",
            "S3_ACCESS_KEY",
            "S3_SECRET_KEY");

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everySecretVariableOfEveryContainerComesFromASecretKeyReference(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        for (Container container : Workloads.allContainers(rendered)) {
            for (EnvVar variable : container.getEnv()) {
                if (SECRET_NAME.matcher(variable.getName()).find()) {
                    assertThat(variable.getValue())
                            .as(container.getName() + " " + variable.getName())
                            .isNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef())
                            .as(container.getName() + " " + variable.getName())
                            .isNotNull();
                }
            }
        }
        Map<String, String> fromSecrets = Workloads.service(rendered).getEnv().stream()
                .filter(variable -> variable.getValueFrom() != null
                        && variable.getValueFrom().getSecretKeyRef() != null)
                .collect(Collectors.toMap(
                        EnvVar::getName,
                        variable -> variable.getValueFrom().getSecretKeyRef().getName()));
        assertThat(fromSecrets.keySet()).containsExactlyInAnyOrderElementsOf(SERVICE_SECRETS);
        if (profile != Profile.DEFAULT) {
            assertThat(fromSecrets.values()).containsOnly(Profile.SECRET);
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void noSecretObjectAndNoSecretSettingInAnyConfigMap(Profile profile) {
        Profile.Rendered rendered = profile.rendered();

        assertThat(rendered.all(Secret.class)).isEmpty();
        assertThat(rendered.all(ConfigMap.class))
                .allSatisfy(map -> assertThat(map.getData().keySet())
                        .noneMatch(key -> SECRET_NAME.matcher(key).find()));
    }

    @Test
    void productionValuesWithoutTheSecretAreRefused() {
        Throwable refused = catchThrowable(() -> Chart.render(List.of(Chart.PRODUCTION), Chart.sets()));

        assertThat(refused).hasMessageContaining("secrets.existingSecret");
        assertThat(Chart.render(List.of(Chart.PRODUCTION), Chart.sets("secrets.existingSecret", "facerec")))
                .contains("kind: Deployment");
    }

    @Test
    void productionValuesWithAnEntryWithoutItsKeyAreRefused() {
        assertThatThrownBy(() -> Chart.render(
                        List.of(Chart.PRODUCTION),
                        Chart.sets("secrets.existingSecret", "facerec", "secrets.jwtSecretKey.key", "")))
                .hasMessageContaining("jwtSecretKey");
    }

    /**
     * A secret value offered through every place an operator might try to put one (the schema refuses unknown keys,
     * the chart refuses secret-looking settings and credentials in the mirror's address) never appears in a rendered
     * object nor in the refusal; then a production rendering with the secrets named in a Secret holds none of it.
     */
    @Test
    void aSentinelSecretValueNeverReachesARenderedObject() {
        String sentinel = "sentinel-" + UUID.randomUUID();
        List<Map<String, String>> attempts = List.of(
                Map.of("database.password", sentinel),
                Map.of("redis.password", sentinel),
                Map.of("s3.secretKey", sentinel),
                Map.of("secrets.jwtSecretKey.value", sentinel),
                Map.of("secrets.encryptionKey", sentinel),
                Map.of("jwtSecretKey", sentinel),
                Map.of("config.JWT_SECRET_KEY", sentinel),
                Map.of("extraConfig.ENCRYPTION_KEY", sentinel),
                Map.of("extraConfig.DATABASE_PASSWORD", sentinel),
                Map.of("extraConfig.S3_ACCESS_KEY", sentinel),
                Map.of("extraConfig.MODELS_MIRROR", sentinel),
                Map.of(
                        "models.source",
                        "fetch",
                        "models.fetch.mirror",
                        "https://reader:" + sentinel + "@mirror.test/m"));
        for (Map<String, String> attempt : attempts) {
            String rendered;
            try {
                rendered = Chart.render(List.of(), attempt);
            } catch (IllegalStateException refused) {
                assertThat(refused.getMessage())
                        .as("the refusal repeats the value")
                        .doesNotContain(sentinel);
                continue;
            }
            assertThat(rendered).as("values %s", attempt.keySet()).doesNotContain(sentinel);
        }
        String accepted = Chart.render(
                List.of(Chart.PRODUCTION),
                Chart.sets(
                        "secrets.existingSecret", "facerec-sentinel",
                        "models.source", "fetch",
                        "models.fetch.mirrorSecretKey", "MODELS_MIRROR"));
        assertThat(accepted).doesNotContain(sentinel).contains("facerec-sentinel");
        for (String variable : SERVICE_SECRETS) {
            assertThat(accepted).contains("name: " + variable);
        }
    }
}
