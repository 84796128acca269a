package dev.facerec.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What is reachable: the API port through the Service and the Ingress; the management port only by Prometheus. */
class ChartExposureTest {
    /** The paths traefik/dynamic/facerec.yml routes (scripts/validate-deploy.sh allows no others there). */
    private static final Set<String> ROUTED =
            Set.of("/", "/api", "/console", "/v3/api-docs", "/swagger-ui", "/health/live", "/health/ready");

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theApiServiceCarriesTheApiPortOnly(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        Container service = Workloads.service(rendered);
        int managementPort = Workloads.containerPort(service, "management");
        Service api = apiService(rendered);

        assertThat(api.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(resolve(port.getTargetPort(), service)).isEqualTo(Workloads.containerPort(service, "http"));
            assertThat(port.getName()).isEqualTo("http");
        });
        assertThat(api.getSpec().getPorts())
                .noneMatch(port ->
                        port.getPort() == managementPort || resolve(port.getTargetPort(), service) == managementPort);
        assertThat(api.getSpec().getType()).isEqualTo("ClusterIP");
    }

    @ParameterizedTest
    @EnumSource(
            value = Profile.class,
            names = {"PRODUCTION", "GPU"})
    void theIngressRoutesTheApiServiceOverTlsAndNeverTheManagementPort(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        Ingress ingress = rendered.one(Ingress.class);
        Service api = apiService(rendered);
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .toList();

        assertThat(paths).isNotEmpty().allSatisfy(path -> {
            assertThat(path.getBackend().getService().getName())
                    .isEqualTo(api.getMetadata().getName());
            assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            assertThat(path.getPath()).isIn(ROUTED);
        });
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getSecretName()).isNotBlank();
            assertThat(tls.getHosts())
                    .containsExactly(ingress.getSpec().getRules().getFirst().getHost());
        });
        assertThat(ingress.getMetadata().getAnnotations()).containsKey("cert-manager.io/cluster-issuer");
    }

    @ParameterizedTest
    @EnumSource(
            value = Profile.class,
            names = {"PRODUCTION", "GPU"})
    void theManagementPortIsReachableOnlyThroughTheHeadlessMetricsServiceForPrometheus(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        Container service = Workloads.service(rendered);
        int managementPort = Workloads.containerPort(service, "management");
        Service metrics = rendered.all(Service.class).stream()
                .filter(candidate -> candidate != apiService(rendered))
                .findFirst()
                .orElseThrow();
        ServiceMonitor monitor = rendered.one(ServiceMonitor.class);

        assertThat(metrics.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(metrics.getSpec().getPorts())
                .singleElement()
                .satisfies(port ->
                        assertThat(resolve(port.getTargetPort(), service)).isEqualTo(managementPort));
        assertThat(metrics.getMetadata().getLabels())
                .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(apiService(rendered).getMetadata().getLabels())
                .as("the ServiceMonitor must not select the API Service")
                .doesNotContainEntry("app.kubernetes.io/component", "metrics");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theNetworkPolicyAdmitsOnlyTheNamedPeersToTheManagementPort(Profile profile) {
        Profile.Rendered rendered = profile.rendered();
        NetworkPolicy policy = rendered.one(NetworkPolicy.class);

        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(
                        Workloads.deployment(rendered).getSpec().getSelector().getMatchLabels());
        List<NetworkPolicyIngressRule> management = policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getPorts().stream()
                        .map(NetworkPolicyPort::getPort)
                        .anyMatch(port -> "management".equals(port.getStrVal())))
                .toList();
        assertThat(management).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).isNotEmpty();
            assertThat(rule.getPorts()).hasSize(1);
        });
    }

    /** The Service the Ingress routes to, named as the release. */
    private static Service apiService(Profile.Rendered rendered) {
        return rendered.named(
                Service.class, Workloads.deployment(rendered).getMetadata().getName());
    }

    private static int resolve(IntOrString port, Container container) {
        return port.getIntVal() != null ? port.getIntVal() : Workloads.containerPort(container, port.getStrVal());
    }
}
