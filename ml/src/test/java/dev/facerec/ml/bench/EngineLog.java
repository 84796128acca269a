package dev.facerec.ml.bench;

import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the engine while copying standard error (where slf4j-simple logs), so that the report shows the threading
 * the engine itself says it chose rather than a figure the benchmark works out on its own.
 */
final class EngineLog {
    private static final Pattern THREADING =
            Pattern.compile("(\\d+) concurrent inference\\(s\\) x (\\d+) thread\\(s\\)");

    private EngineLog() {}

    /** Starts the engine; adds each non-blank line it logged to {@code lines}. */
    static FaceEngine start(MlConfig config, List<String> lines) {
        PrintStream original = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(original, copy), true));
        try {
            return FaceEngine.start(config);
        } finally {
            System.setErr(original);
            copy.toString().lines().filter(line -> !line.isBlank()).forEach(lines::add);
        }
    }

    /** The threads per inference and concurrent inferences from the engine's start line. */
    static String threading(List<String> lines) {
        for (String line : lines) {
            Matcher matcher = THREADING.matcher(line);
            if (matcher.find()) {
                return matcher.group(2) + " ONNX Runtime thread(s) per inference x " + matcher.group(1)
                        + " concurrent inference(s)";
            }
        }
        return "not found in the engine log (is slf4j-simple on the classpath?)";
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
