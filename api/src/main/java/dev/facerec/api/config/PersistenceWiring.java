package dev.facerec.api.config;

import dev.facerec.persistence.PersistenceConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The repositories: PostgreSQL when {@code DATABASE_HOST} is set, the embedded H2 file database under
 * {@code FACEREC_DATA_DIR} otherwise (see {@link PersistenceConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Import(PersistenceConfiguration.class)
public class PersistenceWiring {}
