package dev.facerec.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The pod specs a rendering holds (the Deployment's and the backup CronJob's) and their containers. */
final class Workloads {
    private Workloads() {}

    static List<PodSpec> podSpecs(Profile.Rendered rendered) {
        List<PodSpec> specs = new ArrayList<>();
        rendered.all(Deployment.class)
                .forEach(d -> specs.add(d.getSpec().getTemplate().getSpec()));
        rendered.all(CronJob.class)
                .forEach(c -> specs.add(
                        c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
        return specs;
    }

    static List<Container> containers(PodSpec spec) {
        return Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream())
                .toList();
    }

    static List<Container> allContainers(Profile.Rendered rendered) {
        return podSpecs(rendered).stream()
                .flatMap(spec -> containers(spec).stream())
                .toList();
    }

    static Deployment deployment(Profile.Rendered rendered) {
        return rendered.one(Deployment.class);
    }

    static Container service(Profile.Rendered rendered) {
        return deployment(rendered).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals("facerec"))
                .findFirst()
                .orElseThrow();
    }

    /** The ConfigMap the service container takes its environment from. */
    static ConfigMap serviceConfig(Profile.Rendered rendered) {
        String name =
                service(rendered).getEnvFrom().getFirst().getConfigMapRef().getName();
        return rendered.named(ConfigMap.class, name);
    }

    static int containerPort(Container container, String name) {
        return container.getPorts().stream()
                .filter(port -> name.equals(port.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name))
                .getContainerPort();
    }
}
