package dev.facerec.api.rest.account;

import static dev.facerec.api.http.policy.Access.Level.ADMIN;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.http.security.Caller;
import dev.facerec.api.rest.paging.PageView;
import dev.facerec.core.account.ApiKey;
import dev.facerec.core.account.Role;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.usecase.ManageApiKeys;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys for machine clients. The key itself is in the creation response only; afterwards a key is known by its
 * prefix. Revoking takes effect on the key's next request.
 */
@Access(ADMIN)
@GalleryScope(NONE)
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {
    private final ManageApiKeys keys;

    ApiKeyController(ManageApiKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "Create an API key (the key is in this response only)", operationId = "createApiKey")
    @Audited("api-key.create")
    @NotIdempotent("the answer holds the new key's secret, which the key store must not keep")
    @PostMapping
    ResponseEntity<CreatedKeyView> create(@Valid @RequestBody CreateKey request) {
        Caller caller = Caller.current().orElseThrow();
        ManageApiKeys.CreatedKey created = keys.create(
                request.name(), request.role(), request.expiresAt(), request.galleryId(), caller.name(), caller.role());
        return ResponseEntity.created(
                        URI.create("/api/v1/api-keys/" + created.key().id()))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedKeyView(KeyView.of(created.key()), created.value()));
    }

    /** Keys newest first, revoked ones included, paged like every list. */
    @Operation(summary = "List API keys, newest first", operationId = "listApiKeys")
    @Audited("api-key.list")
    @GetMapping
    PageView<KeyView> list(PageRequest page) {
        return PageView.of(keys.list(page), KeyView::of);
    }

    @Operation(summary = "Revoke an API key", operationId = "revokeApiKey")
    @Audited("api-key.revoke")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        keys.revoke(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * @param role the most the key may do (its scope)
     * @param galleryId the gallery the key's CompreFace-compatible recognition calls work in (its face collection)
     */
    record CreateKey(@NotNull String name, @NotNull Role role, Instant expiresAt, UUID galleryId) {}

    record KeyView(
            UUID id,
            String name,
            String prefix,
            Role role,
            String owner,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant revokedAt,
            UUID galleryId) {
        static KeyView of(ApiKey key) {
            return new KeyView(
                    key.id(),
                    key.name(),
                    key.prefix(),
                    key.role(),
                    key.owner(),
                    key.createdAt(),
                    key.expiresAt(),
                    key.lastUsedAt(),
                    key.revokedAt(),
                    key.galleryId());
        }
    }

    /** @param key shown this once; store it now */
    record CreatedKeyView(KeyView apiKey, String key) {
        @Override
        public String toString() {
            return "CreatedKeyView[" + apiKey + "]";
        }
    }
}
