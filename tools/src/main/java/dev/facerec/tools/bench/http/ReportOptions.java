package dev.facerec.tools.bench.http;

import dev.facerec.tools.bench.BenchmarkOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of {@link BenchmarkReport}: its own, and the in-process pipeline's ({@link BenchmarkOptions},
 * which also names the shared data and models folders).
 *
 * @param parts which parts run: {@code pipeline} (in process), {@code photos} (over HTTP)
 * @param jar the service jar
 * @param javaOptions the service's JVM options, as JAVA_OPTS of {@code make run}
 * @param people LFW people to enrol into the gallery that identify searches
 * @param repeats measured rounds of the large photos (and of the HEIC photo), after {@link #WARM_UP} rounds
 * @param clients concurrent clients of the load run
 * @param loadSeconds how long the load run sends requests
 */
record ReportOptions(
        BenchmarkOptions pipeline,
        Set<String> parts,
        String jar,
        String javaOptions,
        int people,
        int repeats,
        int clients,
        double loadSeconds) {
    static final int WARM_UP = 2;
    static final String USAGE = "usage: BenchmarkReport --data <shared data dir> --models <models dir>"
            + " [--parts pipeline,photos] [--jar api/target/facerec.jar] [--java-opts '<JAVA_OPTS of make run>']"
            + " [--people 300] [--photo-repeats 10] [--clients 8] [--load-seconds 30], and the pipeline's [--images N]"
            + " [--recognizer id] [--threads T] [--concurrency C] [--seconds S] [--repeats R]";
    private static final Set<String> OWN =
            Set.of("parts", "jar", "java-opts", "people", "photo-repeats", "clients", "load-seconds");
    private static final Set<String> PARTS = Set.of("pipeline", "photos");

    ReportOptions {
        if (people < 1 || repeats < 1 || clients < 1 || !(loadSeconds > 0)) {
            throw new IllegalArgumentException(
                    "--people, --photo-repeats, --clients and --load-seconds must be positive; " + USAGE);
        }
        if (parts.isEmpty() || !PARTS.containsAll(parts)) {
            throw new IllegalArgumentException("--parts takes pipeline, photos or both; " + USAGE);
        }
    }

    static ReportOptions parse(String... args) {
        Map<String, String> own = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!OWN.contains(name)) {
                rest.add(args[i]);
                if (i + 1 < args.length) {
                    rest.add(args[i + 1]);
                }
            } else if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option '" + args[i] + "' needs a value; " + USAGE);
            } else {
                own.put(name, args[i + 1]);
            }
        }
        BenchmarkOptions pipeline;
        try {
            pipeline = BenchmarkOptions.parse(rest.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace(BenchmarkOptions.USAGE, USAGE), e);
        }
        return new ReportOptions(
                pipeline,
                Set.of(own.getOrDefault("parts", "pipeline,photos").split(",")),
                own.getOrDefault("jar", "api/target/facerec.jar"),
                own.getOrDefault("java-opts", ServiceUnderTest.MAKE_RUN_JAVA_OPTIONS),
                Integer.parseInt(own.getOrDefault("people", "300")),
                Integer.parseInt(own.getOrDefault("photo-repeats", "10")),
                Integer.parseInt(own.getOrDefault("clients", "8")),
                Double.parseDouble(own.getOrDefault("load-seconds", "30")));
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    Path data() {
        return pipeline.data();
    }
}
