package dev.facerec.api.app.metrics;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.cache.EmbeddingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Counts lookups as {@code facerec.embedding.cache.requests{result="hit|miss|error"}} so that a dashboard can show
 * the hit ratio; everything else passes through. A cache turns backend failures into misses (see {@link
 * EmbeddingCache}), so a miss while the backend does not answer is counted as an error: otherwise a Redis outage
 * would only look like a colder cache. The three series exist from the start, at zero, so ratios never lack a term.
 */
public final class CountedEmbeddingCache implements EmbeddingCache {
    private static final String NAME = "facerec.embedding.cache.requests";
    private static final String DESCRIPTION = "embedding cache lookups by result (error: the backend did not answer)";

    private final EmbeddingCache delegate;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;

    public CountedEmbeddingCache(EmbeddingCache delegate, MeterRegistry registry) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        requireNonNull(registry, "registry is null");
        this.hits = counter(registry, "hit");
        this.misses = counter(registry, "miss");
        this.errors = counter(registry, "error");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder(NAME)
                .description(DESCRIPTION)
                .tag("result", result)
                .register(registry);
    }

    /** The counted cache, for wiring tests. */
    public EmbeddingCache delegate() {
        return delegate;
    }

    @Override
    public Optional<List<AnalysedFace>> get(String imageSha256, String modelId) {
        Optional<List<AnalysedFace>> faces;
        try {
            faces = delegate.get(imageSha256, modelId);
        } catch (RuntimeException e) {
            errors.increment();
            throw e;
        }
        if (faces.isPresent()) {
            hits.increment();
        } else if (delegate.isAvailable()) {
            misses.increment();
        } else {
            errors.increment();
        }
        return faces;
    }

    @Override
    public void put(String imageSha256, String modelId, List<AnalysedFace> faces) {
        delegate.put(imageSha256, modelId, faces);
    }

    @Override
    public boolean evict(String imageSha256, String modelId) {
        return delegate.evict(imageSha256, modelId);
    }

    @Override
    public boolean isAvailable() {
        return delegate.isAvailable();
    }
}
