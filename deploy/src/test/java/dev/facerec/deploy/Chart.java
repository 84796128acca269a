package dev.facerec.deploy;

import static java.util.Objects.requireNonNull;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chart deploy/helm/facerec, linted and rendered by Helm's own library, as `helm lint` and `helm template` do. */
final class Chart {
    static final String RELEASE = "facerec";
    static final String NAMESPACE = "facerec";
    /** The Kubernetes version the chart is rendered for (Capabilities.KubeVersion). */
    static final String KUBE_VERSION = "v1.31.0";

    static final Path REPOSITORY = repository();
    static final Path DIRECTORY = REPOSITORY.resolve("deploy/helm/facerec");
    static final Path PRODUCTION = DIRECTORY.resolve("values-production.yaml");
    static final Path GPU = DIRECTORY.resolve("values-gpu.yaml");

    private Chart() {}

    /** Renders the chart with these values files (in order) and --set values; Helm's error as an exception. */
    static String render(List<Path> valuesFiles, Map<String, String> sets) {
        TemplateCommand template = new Helm(DIRECTORY)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return template.call();
    }

    /** `helm lint --strict` on the chart as it is in the repository (its default values). */
    static LintResult lint() {
        return new Helm(DIRECTORY).lint().strict().call();
    }

    /**
     * `helm lint --strict` with other values: helm-java's lint takes no values files, so this lints a copy of the chart
     * whose values.yaml is the default values with the files and --set values merged over it, as Helm merges them.
     * The copy follows the chart's links to the repository's files, as `helm package` does.
     */
    static LintResult lintWith(List<Path> valuesFiles, Map<String, Object> sets, Path workDirectory) {
        Path copy = workDirectory.resolve("facerec");
        copyFollowingLinks(DIRECTORY, copy);
        Map<String, Object> values = Yaml.map(DIRECTORY.resolve("values.yaml"));
        for (Path file : valuesFiles) {
            values = Yaml.merge(values, Yaml.map(file));
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            values = Yaml.merge(values, Yaml.nested(set.getKey(), set.getValue()));
        }
        Yaml.write(values, copy.resolve("values.yaml"));
        return new Helm(copy).lint().strict().call();
    }

    static Map<String, String> sets(String... keysAndValues) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            sets.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return sets;
    }

    private static void copyFollowingLinks(Path from, Path to) {
        try (var paths = Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repository() {
        // Surefire runs in the module's folder (deploy/); the chart and the files it is checked against are above it.
        Path module =
                Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        Path repository = module.getParent();
        requireNonNull(repository, "no repository above " + module);
        if (!Files.isRegularFile(repository.resolve("api/src/main/resources/application.yml"))) {
            throw new IllegalStateException("not the facerec repository: " + repository);
        }
        return repository;
    }
}
