package dev.facerec.api.rest.account;

import static dev.facerec.api.http.policy.Access.Level.ADMIN_UNLESS_OPEN_SIGN_UP;
import static dev.facerec.api.http.policy.Access.Level.PUBLIC;
import static dev.facerec.api.http.policy.Access.Level.SIGNED_IN;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import dev.facerec.api.http.audit.AuditDetails;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.http.security.Caller;
import dev.facerec.api.http.security.SecurityProperties;
import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.usecase.ManageAccounts;
import dev.facerec.core.usecase.SignIn;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in of the built-in issuer: tokens for a user name and password, refresh, logout, registration and password
 * change. With an external issuer configured, tokens come from there and these endpoints answer 404.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {
    private final SignIn signIn;
    private final ManageAccounts accounts;
    private final SecurityProperties properties;

    AuthController(SignIn signIn, ManageAccounts accounts, SecurityProperties properties) {
        this.signIn = signIn;
        this.accounts = accounts;
        this.properties = properties;
    }

    @Operation(summary = "Sign in with a user name and password", operationId = "login")
    @Access(PUBLIC)
    @Audited(value = "auth.login", failed = "auth.login.failed")
    @NotIdempotent("signs in anew: each answer holds new tokens, which the key store must not keep")
    @GalleryScope(NONE)
    @PostMapping("/login")
    ResponseEntity<TokenView> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        builtInOnly();
        AuditDetails.attemptedUsername(http, request.username());
        return tokens(signIn.login(request.username(), request.password(), http.getRemoteAddr()));
    }

    @Operation(summary = "Exchange a refresh token for new tokens", operationId = "refreshTokens")
    @Access(PUBLIC)
    @Audited("auth.refresh")
    @NotIdempotent("a refresh token is used once: the answer holds new tokens, which the key store must not keep")
    @GalleryScope(NONE)
    @PostMapping("/refresh")
    ResponseEntity<TokenView> refresh(@Valid @RequestBody RefreshRequest request) {
        builtInOnly();
        return tokens(signIn.refresh(request.refreshToken()));
    }

    /** Ends the sign-in of the calling token: the access token at once, and the given refresh token's family. */
    @Operation(summary = "Sign out: end this access token and a refresh token's family", operationId = "logout")
    @Access(SIGNED_IN)
    @Audited("auth.logout")
    @NotIdempotent("signing out twice changes nothing more")
    @GalleryScope(NONE)
    @PostMapping("/logout")
    ResponseEntity<Void> logout(@RequestBody(required = false) RefreshRequest request) {
        Caller caller = signedInUser();
        signIn.logout(
                caller.userId(),
                caller.tokenId(),
                caller.tokenExpiresAt(),
                request == null ? null : request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    /**
     * Admins create accounts of any role; with open sign-up anyone else may create a VIEWER account for themselves.
     */
    @Operation(summary = "Create an account", operationId = "register")
    @Access(ADMIN_UNLESS_OPEN_SIGN_UP)
    @Audited("user.create")
    @NotIdempotent(
            "the body holds a password, which the key store must not keep a fingerprint of; a retry is answered 409, the name being taken")
    @GalleryScope(NONE)
    @PostMapping("/register")
    ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request) {
        builtInOnly();
        Role role = request.role() == null ? Role.VIEWER : request.role();
        boolean admin = Caller.current()
                .map(caller -> caller.role() != null && caller.role().includes(Role.ADMIN))
                .orElse(false);
        if (!admin && role != Role.VIEWER) {
            throw new FaceException(
                    FaceErrorCode.FORBIDDEN, "Only an administrator may create accounts with role " + role + ".");
        }
        UserAccount account = accounts.register(request.username(), request.password(), role);
        return ResponseEntity.created(URI.create("/api/v1/users/" + account.id()))
                .body(UserView.of(account));
    }

    /** Changes the caller's password and ends every sign-in of the account, this one included. */
    @Operation(summary = "Change your password (ends every sign-in of the account)", operationId = "changePassword")
    @Access(SIGNED_IN)
    @Audited("auth.password.change")
    @NotIdempotent("the body holds passwords, which the key store must not keep a fingerprint of")
    @GalleryScope(NONE)
    @PostMapping("/password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange request) {
        Caller caller = signedInUser();
        accounts.changePassword(caller.userId(), request.currentPassword(), request.newPassword());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Who am I: the caller's name, kind and role", operationId = "me")
    @Access(SIGNED_IN)
    @Audited("auth.me")
    @GalleryScope(NONE)
    @GetMapping("/me")
    Map<String, Object> me() {
        Caller caller = Caller.current().orElseThrow();
        return Map.of(
                "name", caller.name(),
                "kind", caller.kind().name(),
                "role", caller.role() == null ? "" : caller.role().name());
    }

    private Caller signedInUser() {
        builtInOnly();
        Caller caller = Caller.current().orElseThrow();
        if (caller.kind() != Caller.Kind.USER) {
            throw new FaceException(
                    FaceErrorCode.FORBIDDEN,
                    "Only a signed-in user can do this; an API key cannot. Revoke keys with"
                            + " DELETE /api/v1/api-keys/{id}.");
        }
        return caller;
    }

    private void builtInOnly() {
        if (properties.externalIssuer()) {
            throw new FaceException(
                    FaceErrorCode.NOT_FOUND,
                    "Accounts are managed by the external issuer this service trusts; get tokens from it.");
        }
    }

    private static ResponseEntity<TokenView> tokens(SignIn.Session session) {
        Instant now = Instant.now();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TokenView(
                        session.accessToken().value(),
                        "Bearer",
                        seconds(now, session.accessToken().expiresAt()),
                        session.refreshToken(),
                        seconds(now, session.refreshExpiresAt()),
                        session.account().username(),
                        session.account().role()));
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }

    record LoginRequest(@NotNull String username, @NotNull String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    record RefreshRequest(@NotNull String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    record RegisterRequest(
            @NotNull String username, @NotNull String password, Role role) {
        @Override
        public String toString() {
            return "RegisterRequest[username=" + username + ", role=" + role + "]";
        }
    }

    record PasswordChange(
            @NotNull String currentPassword, @NotNull String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }

    record TokenView(
            String accessToken,
            String tokenType,
            long expiresIn,
            String refreshToken,
            long refreshExpiresIn,
            String username,
            Role role) {
        @Override
        public String toString() {
            return "TokenView[username=" + username + ", role=" + role + "]";
        }
    }
}
