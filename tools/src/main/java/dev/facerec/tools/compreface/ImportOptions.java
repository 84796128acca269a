package dev.facerec.tools.compreface;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The import's options: URLs, gallery and state file from the command line, the two API keys from the environment
 * only ({@code COMPREFACE_API_KEY}, {@code FACEREC_API_KEY}), so that they never appear in a process listing.
 *
 * @param state null for the default ({@link CompreFaceImport#defaultState})
 */
record ImportOptions(
        String sourceUrl,
        String sourceKey,
        String facerecUrl,
        String facerecKey,
        String gallery,
        Path state,
        int pageSize,
        Duration connectTimeout,
        Duration requestTimeout,
        int attempts,
        Duration firstBackoff) {
    static final String SOURCE_KEY = "COMPREFACE_API_KEY";
    static final String FACEREC_KEY = "FACEREC_API_KEY";
    static final String USAGE = """
            usage: CompreFaceImport --source <CompreFace URL> --gallery <facerec gallery id or name> \
            [--facerec <facerec URL, default http://localhost:8000>] [--state <file>] [--page-size <n, default 100>] \
            [--request-timeout <seconds, default 60>]
            environment: COMPREFACE_API_KEY (the recognition service's key), FACEREC_API_KEY (a facerec OPERATOR key)""";

    @Override
    public String toString() {
        return "ImportOptions[sourceUrl=" + sourceUrl + ", facerecUrl=" + facerecUrl + ", gallery=" + gallery
                + ", state=" + state + ", keys hidden]";
    }

    /** The options, or null after printing what is wrong to {@code err}. */
    static ImportOptions parse(String[] args, Map<String, String> environment, PrintStream err) {
        String source = null;
        String facerec = "http://localhost:8000";
        String gallery = null;
        Path state = null;
        int pageSize = 100;
        int requestTimeout = 60;
        try {
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null || value.isBlank()) {
                    return refuse(err, args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--source" -> source = value.strip();
                    case "--facerec" -> facerec = value.strip();
                    case "--gallery" -> gallery = value.strip();
                    case "--state" -> state = Path.of(value.strip());
                    case "--page-size" -> pageSize = Integer.parseInt(value.strip());
                    case "--request-timeout" -> requestTimeout = Integer.parseInt(value.strip());
                    default -> {
                        return refuse(err, "unknown option " + args[i]);
                    }
                }
            }
        } catch (NumberFormatException e) {
            return refuse(err, "not a number: " + e.getMessage());
        }
        String sourceKey = CompreFaceImport.secret(environment, SOURCE_KEY);
        String facerecKey = CompreFaceImport.secret(environment, FACEREC_KEY);
        if (source == null || gallery == null) {
            return refuse(err, "--source and --gallery are required");
        }
        if (!source.startsWith("http://") && !source.startsWith("https://")) {
            return refuse(err, "--source must be an http:// or https:// URL: " + source);
        }
        if (sourceKey == null || facerecKey == null) {
            return refuse(err, (sourceKey == null ? SOURCE_KEY : FACEREC_KEY) + " is not set");
        }
        if (pageSize < 1 || pageSize > 1000 || requestTimeout < 1) {
            return refuse(err, "--page-size must be 1 to 1000 and --request-timeout at least 1");
        }
        return new ImportOptions(
                source,
                sourceKey,
                facerec,
                facerecKey,
                gallery,
                state,
                pageSize,
                Duration.ofSeconds(10),
                Duration.ofSeconds(requestTimeout),
                5,
                Duration.ofMillis(500));
    }

    private static ImportOptions refuse(PrintStream err, String problem) {
        err.println("import-compreface: " + problem);
        err.println(USAGE);
        return null;
    }
}
