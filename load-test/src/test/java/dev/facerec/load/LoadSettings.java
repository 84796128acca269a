package dev.facerec.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a simulation needs: the service and its gallery (from the run folder that {@link LoadSetup} wrote) and the
 * shape of the load (from system properties, which scripts/load-test.sh sets from LOAD_* variables).
 *
 * @param runDir the run folder: setup.properties, api-key, persons.csv; the simulations write their outcomes here
 * @param baseUrl the service's API port, e.g. http://127.0.0.1:8000
 * @param apiKey an OPERATOR key (enrolment needs OPERATOR)
 * @param galleryId the gallery that {@link LoadSetup} filled and identification searches
 * @param sharedData the shared photos (../shared/data)
 * @param heic whether the service lists HEIC in its supported formats (then HEIC photos are part of the mix)
 * @param avif whether it lists AVIF
 * @param rate arrivals a second during the steady phase ({@code load.rate})
 * @param durationSeconds length of the steady phase ({@code load.duration})
 * @param stepRate arrivals a second added at each step of the step-up ({@code load.step})
 * @param stepSeconds length of one step ({@code load.stepSeconds})
 * @param steps the most steps; the step-up stops after the first saturated one ({@code load.steps})
 * @param p95LimitMillis a step whose 95th percentile passes this is saturated ({@code load.p95LimitMs})
 */
record LoadSettings(
        Path runDir,
        String baseUrl,
        String apiKey,
        String galleryId,
        Path sharedData,
        boolean heic,
        boolean avif,
        double rate,
        int durationSeconds,
        double stepRate,
        int stepSeconds,
        int steps,
        int p95LimitMillis) {

    static final String SETUP_FILE = "setup.properties";
    static final String KEY_FILE = "api-key";
    static final String PERSONS_FILE = "persons.csv";

    LoadSettings {
        if (rate <= 0 || stepRate <= 0) {
            throw new IllegalArgumentException("load.rate and load.step must be positive: " + rate + ", " + stepRate);
        }
        if (durationSeconds < 1 || stepSeconds < 1 || steps < 0 || p95LimitMillis < 1) {
            throw new IllegalArgumentException(
                    "load.duration, load.stepSeconds and load.p95LimitMs must be positive, load.steps not negative:"
                            + " " + durationSeconds + ", " + stepSeconds + ", " + steps + ", " + p95LimitMillis);
        }
    }

    /** The settings of this JVM: {@code -Dload.runDir=...} and the shape properties. */
    static LoadSettings fromSystemProperties() {
        String runDir = System.getProperty("load.runDir");
        if (runDir == null || runDir.isBlank()) {
            throw new IllegalStateException("set -Dload.runDir to the folder that LoadSetup wrote (make load does)");
        }
        Path run = Path.of(runDir);
        Properties setup = read(run.resolve(SETUP_FILE));
        String key;
        try {
            key = Files.readString(run.resolve(KEY_FILE)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LoadSettings(
                run,
                required(setup, "baseUrl"),
                key,
                required(setup, "galleryId"),
                Path.of(required(setup, "sharedData")),
                Boolean.parseBoolean(setup.getProperty("heic")),
                Boolean.parseBoolean(setup.getProperty("avif")),
                Double.parseDouble(System.getProperty("load.rate", "3")),
                Integer.parseInt(System.getProperty("load.duration", "600")),
                Double.parseDouble(System.getProperty("load.step", "2")),
                Integer.parseInt(System.getProperty("load.stepSeconds", "30")),
                Integer.parseInt(System.getProperty("load.steps", "15")),
                Integer.parseInt(System.getProperty("load.p95LimitMs", "3000")));
    }

    static Properties read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }

    private static String required(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(SETUP_FILE + " lacks " + name);
        }
        return value;
    }

    /** The arrival rate of step {@code step} (0-based) of the step-up. */
    double stepArrivalRate(int step) {
        return rate + step * stepRate;
    }
}
