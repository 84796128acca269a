package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.ApiKey;
import dev.facerec.core.account.ApiKeyRepository;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.Secrets;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.account.UserAccountRepository;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * API keys for machine clients. A key reads {@code frk_<12 hex>.<43 base64url>}: the part before the dot is its
 * prefix, stored in clear to find it and to tell keys apart; only the SHA-256 of the whole key is stored. A revoked or
 * expired key stops working on its next request, on every replica (keys are looked up on every request).
 *
 * <p>A key never does more than its owner may do now: on every request it gets the lesser of its own role and its
 * owner's current role, and it is refused while its owner is disabled or gone. A key made by another key follows that
 * key the same way, and so the person at the end of the chain. Subjects of an external issuer cannot be looked up
 * (their role is in their tokens only), so a key they own keeps its own role until it is revoked or expires.
 */
public final class ManageApiKeys {
    /** How a key's owner is named when the owner is another key: this, then the key's prefix. */
    public static final String KEY_OWNER_PREFIX = "key:";

    private static final Pattern KEY = Pattern.compile("(frk_[0-9a-f]{12})\\.[A-Za-z0-9_-]{43}");
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_NAME_LENGTH = 100;
    /** Keys made by keys made by keys...: deeper chains (which only a tampered database could hold) are refused. */
    private static final int MAX_OWNER_CHAIN = 16;

    /** Who owns keys that are not owned by other keys. */
    public enum Owners {
        /** Accounts of the built-in issuer, by user name: their current role and state are looked up on every use. */
        ACCOUNTS,
        /** Subjects of an external issuer, which this service cannot look up. */
        EXTERNAL_SUBJECTS
    }

    /** A key that authenticated, and the role it has now: the lesser of its own and its owner's. */
    public record Authenticated(ApiKey key, Role role) {
        public Authenticated {
            requireNonNull(key, "key is null");
            requireNonNull(role, "role is null");
        }
    }

    private final ApiKeyRepository keys;
    private final GalleryRepository galleries;
    private final UserAccountRepository users;
    private final Owners owners;
    private final Clock clock;

    /** A new key and the only copy of its secret value. */
    public record CreatedKey(ApiKey key, String value) {
        @Override
        public String toString() {
            return "CreatedKey[" + key + "]";
        }
    }

    public ManageApiKeys(
            ApiKeyRepository keys,
            GalleryRepository galleries,
            UserAccountRepository users,
            Owners owners,
            Clock clock) {
        this.keys = requireNonNull(keys, "keys is null");
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.users = requireNonNull(users, "users is null");
        this.owners = requireNonNull(owners, "owners is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param expiresAt null for a key that does not expire
     * @param galleryId the gallery to bind the key to (its CompreFace-compatible face collection), or null
     * @throws FaceException {@code INVALID_REQUEST} for a bad name or an expiry in the past, {@code FORBIDDEN} when
     *     {@code role} is more than the creator's own role
     */
    public CreatedKey create(String name, Role role, Instant expiresAt, UUID galleryId, String owner, Role ownerRole) {
        requireNonNull(role, "role is null");
        if (name == null
                || name.isBlank()
                || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("name", "The key's name must have 1 to " + MAX_NAME_LENGTH + " printable characters.");
        }
        if (!ownerRole.includes(role)) {
            throw new FaceException(
                    FaceErrorCode.FORBIDDEN,
                    "A key cannot do more than its creator: you are " + ownerRole + ", the key asks for " + role + ".");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw invalid("expiresAt", "The expiry must be in the future.");
        }
        if (galleryId != null && galleries.find(galleryId).isEmpty()) {
            throw invalid("galleryId", "No gallery has the id " + galleryId + ": create the gallery first.");
        }
        String prefix = "frk_" + Secrets.randomHex(6);
        String value = prefix + "." + Secrets.random(32);
        ApiKey key = keys.create(new ApiKey(
                UUID.randomUUID(),
                prefix,
                Secrets.sha256(value),
                name.strip(),
                role,
                requireNonNull(owner, "owner is null"),
                now,
                expiresAt,
                null,
                null,
                galleryId));
        return new CreatedKey(key, value);
    }

    /**
     * The active key whose value is {@code presented}, with the role it has now; empty for anything else (malformed,
     * unknown, revoked, expired, or its owner disabled or gone).
     */
    public Optional<Authenticated> authenticate(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var matcher = KEY.matcher(presented);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Authenticated> key = keys.findByPrefix(matcher.group(1))
                .filter(candidate -> Secrets.constantTimeEquals(candidate.secretHash(), Secrets.sha256(presented)))
                .filter(candidate -> candidate.isActive(now))
                .flatMap(candidate ->
                        roleNow(candidate, now, MAX_OWNER_CHAIN).map(role -> new Authenticated(candidate, role)));
        key.map(Authenticated::key)
                .filter(used -> used.lastUsedAt() == null
                        || used.lastUsedAt().plus(TOUCH_INTERVAL).isBefore(now))
                .ifPresent(used -> keys.touch(used.id(), now));
        return key;
    }

    /** The lesser of the key's role and its owner's current role; empty when the owner may do nothing now. */
    private Optional<Role> roleNow(ApiKey key, Instant now, int chainLeft) {
        String owner = key.owner();
        Optional<Role> ownerRole;
        if (owner.startsWith(KEY_OWNER_PREFIX)) {
            ownerRole = chainLeft == 0
                    ? Optional.empty()
                    : keys.findByPrefix(owner.substring(KEY_OWNER_PREFIX.length()))
                            .filter(parent -> parent.isActive(now))
                            .flatMap(parent -> roleNow(parent, now, chainLeft - 1));
        } else {
            ownerRole = switch (owners) {
                case ACCOUNTS ->
                    users.findByUsername(owner).filter(UserAccount::enabled).map(UserAccount::role);
                case EXTERNAL_SUBJECTS -> Optional.of(key.role());
            };
        }
        return ownerRole.map(role -> role.includes(key.role()) ? key.role() : role);
    }

    /** A page of the keys, newest first, revoked ones included. */
    public Page<ApiKey> list(PageRequest page) {
        return keys.findAll(requireNonNull(page, "page is null"));
    }

    /** @throws FaceException {@code NOT_FOUND} */
    public ApiKey revoke(UUID id) {
        if (!keys.revoke(id, clock.instant())) {
            throw NotFound.of("apiKey", id);
        }
        return keys.find(id).orElseThrow(() -> NotFound.of("apiKey", id));
    }

    private static FaceException invalid(String field, String message) {
        return new FaceException(FaceErrorCode.INVALID_REQUEST, message, Map.of("field", field));
    }
}
