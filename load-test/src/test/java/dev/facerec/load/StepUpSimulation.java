package dev.facerec.load;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * The step-up to saturation: the mix of {@link Traffic} from the steady rate ({@code load.rate}), adding {@code
 * load.step} arrivals a second every {@code load.stepSeconds} seconds, at most {@code load.steps} steps. Once a step is
 * saturated (more than 1% shed or failed, or its 95th percentile past {@code load.p95LimitMs}; see {@link Outcomes})
 * no new request is sent, and the run ends once the requests in flight have their answers (at most the service's
 * request deadline later). A step is judged when the next one starts, so the service is held at saturation for one
 * step.
 */
public final class StepUpSimulation extends Simulation {
    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private final Outcomes outcomes = new Outcomes(settings.stepSeconds() * 1000L, settings.p95LimitMillis());

    public StepUpSimulation() {
        Traffic traffic = new Traffic(settings, Photos.load(settings), outcomes);
        setUp(scenario("step-up mix")
                        // Past saturation: no new requests; the run ends once those sent have their answers.
                        .exec(stopLoadGeneratorIf(
                                session -> "saturated, and the last answers are in",
                                session -> outcomes.saturatedStep(System.currentTimeMillis())
                                                .isPresent()
                                        && outcomes.drained()))
                        .exitHereIf(session -> outcomes.saturatedStep(System.currentTimeMillis())
                                .isPresent())
                        .exec(traffic.mix())
                        .injectOpen(incrementUsersPerSec(settings.stepRate())
                                .times(settings.steps())
                                .eachLevelLasting(settings.stepSeconds())
                                .startingFrom(settings.rate())))
                .protocols(traffic.protocol())
                .maxDuration(Duration.ofSeconds((long) settings.steps() * settings.stepSeconds() + 90L));
    }

    @Override
    public void after() {
        outcomes.write(settings.runDir(), "stepup", settings::stepArrivalRate, System.currentTimeMillis());
    }
}
