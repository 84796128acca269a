package dev.facerec.api.app.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code facerec.load.*}: how much decoding the service takes on at once, and how long a request waits for its turn.
 *
 * @param decodeMemoryBudget {@code DECODE_MEMORY_BUDGET}: the memory that images being decoded and processed may take
 *     together, at 10 bytes a pixel ({@code dev.facerec.api.http.load.DecodeMemoryBudget}); 0 means a quarter of the
 *     maximum heap
 * @param decodeMemoryWait {@code DECODE_MEMORY_WAIT}: how long a request waits for its share of that memory before it
 *     is refused with 503 and {@code Retry-After}; 0 refuses at once when the budget is taken
 */
@ConfigurationProperties("facerec.load")
public record LoadProperties(
        @DefaultValue("0B") DataSize decodeMemoryBudget,
        @DefaultValue("2s") Duration decodeMemoryWait) {
    /** The share of the maximum heap the budget takes when none is configured. */
    public static final int DEFAULT_HEAP_DIVISOR = 4;

    public LoadProperties {
        requireNonNull(decodeMemoryBudget, "decodeMemoryBudget is null");
        requireNonNull(decodeMemoryWait, "decodeMemoryWait is null");
        if (decodeMemoryBudget.isNegative()) {
            throw new IllegalArgumentException(
                    "DECODE_MEMORY_BUDGET (facerec.load.decode-memory-budget) must not be negative: "
                            + decodeMemoryBudget);
        }
        if (decodeMemoryWait.isNegative()) {
            throw new IllegalArgumentException(
                    "DECODE_MEMORY_WAIT (facerec.load.decode-memory-wait) must not be negative: " + decodeMemoryWait);
        }
    }

    /** The budget in bytes: the configured one, or a quarter of {@code maxHeapBytes} when it is 0. */
    public long budgetBytes(long maxHeapBytes) {
        long configured = decodeMemoryBudget.toBytes();
        return configured > 0 ? configured : Math.max(1, maxHeapBytes / DEFAULT_HEAP_DIVISOR);
    }
}
