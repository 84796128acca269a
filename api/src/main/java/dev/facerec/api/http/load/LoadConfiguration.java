package dev.facerec.api.http.load;

import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.config.JobProperties;
import dev.facerec.api.app.config.LoadProperties;
import dev.facerec.api.app.config.MlProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The decode memory budget and the compute threads, with their metrics: {@code facerec_decode_memory_budget_bytes},
 * {@code facerec_decode_memory_in_use_bytes} (back to 0 whenever no request holds decoded pixels) and {@code
 * facerec_decode_memory_refused_total} (requests answered 503 because the budget stayed taken).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LoadProperties.class, JobProperties.class})
public class LoadConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LoadConfiguration.class);

    @Bean
    DecodeMemoryBudget decodeMemoryBudget(LoadProperties load, ObjectProvider<MeterRegistry> registry) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        DecodeMemoryBudget budget = new DecodeMemoryBudget(load.budgetBytes(maxHeap), load.decodeMemoryWait());
        log.info(
                "Decode memory budget {} MiB ({}), a request waits up to {} ms for its share",
                budget.capacityBytes() >> 20,
                load.decodeMemoryBudget().toBytes() > 0
                        ? "DECODE_MEMORY_BUDGET"
                        : "a quarter of the " + (maxHeap >> 20) + " MiB heap",
                load.decodeMemoryWait().toMillis());
        MeterRegistry meters = FaceUseCaseConfiguration.registryOf(registry);
        Gauge.builder("facerec.decode.memory.budget.bytes", budget, DecodeMemoryBudget::capacityBytes)
                .description("memory that decoded images may hold at once (DECODE_MEMORY_BUDGET)")
                .register(meters);
        Gauge.builder("facerec.decode.memory.in.use.bytes", budget, DecodeMemoryBudget::inUseBytes)
                .description("memory of the decode budget that requests hold now")
                .register(meters);
        FunctionCounter.builder("facerec.decode.memory.refused", budget, DecodeMemoryBudget::refusals)
                .description("requests answered 503 because the decode budget stayed taken")
                .register(meters);
        return budget;
    }

    /**
     * One thread per core, or as many as the model runs allowed at once where that is more (a GPU serves more runs
     * than the machine has cores).
     */
    @Bean(destroyMethod = "close")
    ComputeExecutor computeExecutor(MlProperties ml, JobProperties jobs, ObjectProvider<MeterRegistry> registry) {
        InteractiveLoad interactive = new InteractiveLoad(jobs.yieldToRequests());
        MeterRegistry meters = FaceUseCaseConfiguration.registryOf(registry);
        Gauge.builder("facerec.requests.computing", interactive, InteractiveLoad::computing)
                .description("requests whose decoding, detection or embedding is under way (jobs wait for them)")
                .register(meters);
        FunctionCounter.builder("facerec.jobs.yielded", interactive, InteractiveLoad::yieldedSeconds)
                .baseUnit("seconds")
                .description(
                        "time bulk enrolment jobs waited for requests before a compute stage (JOBS_YIELD_TO_REQUESTS)")
                .register(meters);
        return new ComputeExecutor(Math.max(Runtime.getRuntime().availableProcessors(), ml.concurrency()), interactive);
    }

    @Bean
    LoadLimits loadLimits(DecodeMemoryBudget budget, ComputeExecutor compute) {
        return new LoadLimits(budget, compute);
    }
}
