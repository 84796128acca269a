package dev.facerec.api.app.config;

import dev.facerec.persistence.DatabaseSettings;
import dev.facerec.persistence.PersistenceConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The repositories: PostgreSQL when {@code DATABASE_HOST} is set, the embedded H2 file database under
 * {@code FACEREC_DATA_DIR} otherwise (see {@link PersistenceConfiguration}), from the settings translated here, with
 * the service's one clock ({@link ClockConfiguration}) for the change log.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DatabaseProperties.class, DataProperties.class})
@Import({PersistenceConfiguration.class, ClockConfiguration.class})
public class PersistenceWiring {
    @Bean
    DatabaseSettings databaseSettings(DatabaseProperties database, DataProperties data) {
        return database.settings(data);
    }
}
