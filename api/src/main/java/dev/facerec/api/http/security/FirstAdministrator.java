package dev.facerec.api.http.security;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.account.Secrets;
import dev.facerec.core.account.UserAccount;
import dev.facerec.core.usecase.ManageAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Creates the first administrator when no account exists, before the service reports ready. The password comes from
 * {@code FACEREC_ADMIN_PASSWORD}; production refuses to start without one; development generates one into
 * {@code <data dir>/secrets/initial-admin-password} and logs the file's path, never the password. Replicas that start
 * together on an empty database race to create it: the ones that lose find it created and start normally.
 */
final class FirstAdministrator implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final ManageAccounts accounts;
    private final SecurityProperties properties;
    private final ServiceSecrets secrets;

    FirstAdministrator(ManageAccounts accounts, SecurityProperties properties, ServiceSecrets secrets) {
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (properties.externalIssuer() || !accounts.list().isEmpty()) {
            return;
        }
        String password = properties.adminPassword();
        boolean generated = password.isEmpty();
        if (generated) {
            if (properties.production()) {
                throw new InsecureConfigurationException("No account exists and FACEREC_ADMIN_PASSWORD is not set;"
                        + " production needs it to create the first administrator.");
            }
            password = secrets.readOrCreate("initial-admin-password", Secrets.random(18));
        }
        try {
            accounts.createFirstAdmin(properties.adminUsername(), password);
        } catch (dev.facerec.core.FaceException e) {
            if (e.code() == FaceErrorCode.CONFLICT && createdByAnotherReplica()) {
                log.info("The first administrator '{}' was created by another replica", properties.adminUsername());
                return;
            }
            throw new InsecureConfigurationException(
                    "FACEREC_ADMIN_USERNAME / FACEREC_ADMIN_PASSWORD refused: " + e.getMessage());
        }
        if (generated) {
            log.warn(
                    "Created the first administrator '{}' with a generated password, kept in {}. Sign in, change it"
                            + " (POST /api/v1/auth/password), then delete the file.",
                    properties.adminUsername(),
                    secrets.file("initial-admin-password").toAbsolutePath());
        } else {
            log.info("Created the first administrator '{}'", properties.adminUsername());
        }
    }

    private boolean createdByAnotherReplica() {
        String username = UserAccount.normalise(properties.adminUsername());
        return accounts.list().stream().anyMatch(account -> account.username().equals(username));
    }
}
