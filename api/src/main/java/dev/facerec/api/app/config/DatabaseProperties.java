package dev.facerec.api.app.config;

import dev.facerec.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code facerec.database.*}: PostgreSQL when a host is set, the embedded database under {@code FACEREC_DATA_DIR}
 * otherwise; translated once into the persistence module's {@link DatabaseSettings}, which checks the values. An
 * operator's variable set to nothing ({@code DATABASE_PORT=}) means its default, as it always has.
 *
 * @param host {@code DATABASE_HOST}: empty for the embedded database
 * @param port {@code DATABASE_PORT}
 * @param name {@code DATABASE_NAME}
 * @param user {@code DATABASE_USER}
 * @param password {@code DATABASE_PASSWORD}; never printed
 * @param embeddedDirectory where the embedded database lives; by default {@code db} in the data folder
 * @param timeout {@code DATABASE_TIMEOUT}
 * @param queryTimeout {@code DATABASE_QUERY_TIMEOUT}
 */
@ConfigurationProperties("facerec.database")
public record DatabaseProperties(
        String host,
        Integer port,
        String name,
        String user,
        String password,
        Path embeddedDirectory,
        Duration timeout,
        Duration queryTimeout) {
    public DatabaseProperties {
        host = host == null || host.isBlank() ? "" : host.strip();
        port = port == null ? Integer.valueOf(DatabaseSettings.DEFAULT_PORT) : port;
        name = name == null || name.isBlank() ? DatabaseSettings.DEFAULT_NAME : name.strip();
        user = user == null || user.isBlank() ? DatabaseSettings.DEFAULT_USER : user.strip();
        password = password == null ? "" : password;
        embeddedDirectory =
                embeddedDirectory == null || embeddedDirectory.toString().isBlank() ? null : embeddedDirectory;
        timeout = timeout == null ? DatabaseSettings.DEFAULT_TIMEOUT : timeout;
        queryTimeout = queryTimeout == null ? DatabaseSettings.DEFAULT_QUERY_TIMEOUT : queryTimeout;
        // Checked now, with the settings' messages naming DATABASE_TIMEOUT and the rest.
        settings(host, port, name, user, password, Path.of("."), timeout, queryTimeout);
    }

    /** The persistence module's settings; the embedded database in {@code data}'s folder unless told otherwise. */
    public DatabaseSettings settings(DataProperties data) {
        return settings(
                host,
                port,
                name,
                user,
                password,
                embeddedDirectory == null ? data.embeddedDatabase() : embeddedDirectory,
                timeout,
                queryTimeout);
    }

    private static DatabaseSettings settings(
            String host,
            int port,
            String name,
            String user,
            String password,
            Path embeddedDirectory,
            Duration timeout,
            Duration queryTimeout) {
        return new DatabaseSettings(host, port, name, user, password, embeddedDirectory, timeout, queryTimeout);
    }

    @Override
    public String toString() {
        return "DatabaseProperties[host=" + host + ", port=" + port + ", name=" + name + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "******") + ", embeddedDirectory=" + embeddedDirectory
                + ", timeout=" + timeout + ", queryTimeout=" + queryTimeout + "]";
    }
}
