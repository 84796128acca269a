package dev.facerec.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The steady phase: the mix of {@link Traffic} at a fixed arrival rate ({@code load.rate} a second) for {@code
 * load.duration} seconds. Below saturation every answer should be a success or a photo refused for its content.
 */
public final class SteadyLoadSimulation extends Simulation {
    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    // One step as long as the phase, so that its throughput is counted over the phase, not the wait for the last
    // answer.
    private final Outcomes outcomes = new Outcomes(settings.durationSeconds() * 1000L, settings.p95LimitMillis());

    public SteadyLoadSimulation() {
        Traffic traffic = new Traffic(settings, Photos.load(settings), outcomes);
        setUp(scenario("steady mix")
                        .exec(traffic.mix())
                        .injectOpen(constantUsersPerSec(settings.rate()).during(settings.durationSeconds())))
                .protocols(traffic.protocol())
                // Injection ends at the duration; this bounds the wait for the last answers.
                .maxDuration(Duration.ofSeconds(settings.durationSeconds() + 90L));
    }

    @Override
    public void after() {
        outcomes.write(settings.runDir(), "steady", step -> settings.rate(), System.currentTimeMillis());
    }
}
