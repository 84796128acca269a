package dev.facerec.api.rest.account;

import static dev.facerec.api.http.policy.Access.Level.ADMIN;
import static dev.facerec.api.http.policy.GalleryScope.Source.NONE;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.facerec.api.http.error.PatchFields;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.api.rest.paging.PageView;
import dev.facerec.core.account.Role;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.usecase.ManageAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Accounts, for administrators: list, read, change role or disable (which ends the account's sign-ins at once). */
@Access(ADMIN)
@GalleryScope(NONE)
@RestController
@RequestMapping("/api/v1/users")
class UserController {
    private final ManageAccounts accounts;

    UserController(ManageAccounts accounts) {
        this.accounts = accounts;
    }

    /** Accounts by user name, paged like every list. */
    @Operation(summary = "List user accounts", operationId = "listUsers")
    @Audited("user.list")
    @GetMapping
    PageView<UserView> list(PageRequest page) {
        return PageView.of(accounts.list(page), UserView::of);
    }

    @Operation(summary = "Get a user account", operationId = "getUser")
    @Audited("user.read")
    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return UserView.of(accounts.get(id));
    }

    @Operation(summary = "Change an account's role, or disable it", operationId = "changeUser")
    @Audited("user.change")
    @NotIdempotent("sets the fields it names: a retry changes nothing more")
    @PatchMapping("/{id}")
    UserView change(@PathVariable UUID id, @RequestBody AccessChange change) {
        PatchFields.refuseOthers(change.others(), AccessChange.CHANGEABLE, AccessChange.READ_ONLY);
        UserAccount current = accounts.get(id);
        return UserView.of(accounts.changeAccess(
                id,
                change.role() == null ? current.role() : change.role(),
                change.enabled() == null ? current.enabled() : change.enabled()));
    }

    /** Absent fields are left as they are; any other field is refused ({@code others}) rather than ignored. */
    record AccessChange(
            Role role,
            Boolean enabled,
            @Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> others) {
        static final List<String> CHANGEABLE = List.of("role", "enabled");
        static final Map<String, String> READ_ONLY = Map.of(
                "username",
                "an account keeps its user name; register a new account instead.",
                "password",
                "only its owner changes a password, with POST /api/v1/auth/password.",
                "id",
                "it is set by the service.",
                "createdAt",
                "it is set by the service.");
    }
}
