package dev.facerec.deploy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the service itself serves, read from its configuration (api/src/main/resources/application.yml), so that the
 * chart is checked against the service rather than against a second copy of the same numbers. That these paths answer
 * on that port is proven against the running service by HealthEndToEndIT and ServiceWiringIT.
 */
record ServiceFacts(
        int apiPort,
        String apiPortVariable,
        int managementPort,
        String managementPortVariable,
        String managementAddressVariable,
        String managementAddressDefault,
        String livenessPath,
        String readinessPath,
        String prometheusPath) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+):([^}]*)}");

    static ServiceFacts read() {
        Map<String, Object> config = Yaml.documents(Chart.REPOSITORY.resolve("api/src/main/resources/application.yml"))
                .getFirst();
        Matcher api = placeholder(config, "server.port");
        Matcher management = placeholder(config, "management.server.port");
        Matcher address = placeholder(config, "facerec.management.address");
        String basePath = (String) Yaml.at(config, "management.endpoints.web.base-path");
        String exposed = (String) Yaml.at(config, "management.endpoints.web.exposure.include");
        List<String> endpoints = List.of(exposed.split(","));
        if (!endpoints.contains("health") || !endpoints.contains("prometheus")) {
            throw new AssertionError("the service no longer exposes health and prometheus: " + exposed);
        }
        // Spring Boot serves the liveness and readiness groups under the health endpoint when probes are enabled.
        if (!Boolean.TRUE.equals(Yaml.at(config, "management.endpoint.health.probes.enabled"))) {
            throw new AssertionError("management.endpoint.health.probes.enabled is no longer true");
        }
        return new ServiceFacts(
                Integer.parseInt(api.group(2)),
                api.group(1),
                Integer.parseInt(management.group(2)),
                management.group(1),
                address.group(1),
                address.group(2),
                basePath + "/health/liveness",
                basePath + "/health/readiness",
                basePath + "/prometheus");
    }

    private static Matcher placeholder(Map<String, Object> config, String path) {
        Object value = Yaml.at(config, path);
        Matcher matcher = PLACEHOLDER.matcher(String.valueOf(value));
        if (!matcher.matches()) {
            throw new AssertionError(path + " is not ${VARIABLE:default} in application.yml: " + value);
        }
        return matcher;
    }
}
