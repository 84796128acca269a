package dev.facerec.core.account;

import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Durable storage of API keys. Implementations are transactional per call and thread-safe. */
public interface ApiKeyRepository {
    ApiKey create(ApiKey key);

    Optional<ApiKey> find(UUID id);

    Optional<ApiKey> findByPrefix(String prefix);

    /** All keys, newest first, revoked ones included. */
    List<ApiKey> findAll();

    /**
     * One page of the keys in the order of {@link #findAll()}, with the number of keys as the total. The default reads
     * them all; adapters whose store can page should.
     */
    default Page<ApiKey> findAll(PageRequest request) {
        return request.of(findAll());
    }

    /** Sets the revocation time if the key is not revoked yet; returns whether the key exists. */
    boolean revoke(UUID id, Instant at);

    /** Records a use; callers may skip it when the stored time is recent. */
    void touch(UUID id, Instant at);
}
