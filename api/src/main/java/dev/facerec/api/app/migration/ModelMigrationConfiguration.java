package dev.facerec.api.app.migration;

import dev.facerec.api.app.config.MlProperties;
import dev.facerec.core.migration.MigrateModel;
import dev.facerec.core.migration.ModelEmbeddings;
import dev.facerec.core.migration.ModelMigrations;
import dev.facerec.core.store.ImageStore;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Model migrations over the database's ports and the service's image store; a pass left running by a stopped replica
 * goes on once the service is ready.
 */
@Configuration(proxyBeanMethods = false)
public class ModelMigrationConfiguration {
    @Bean
    MigrateModel migrateModel(ModelEmbeddings embeddings, ModelMigrations migrations, Clock clock) {
        return new MigrateModel(embeddings, migrations, clock);
    }

    @Bean(destroyMethod = "close")
    ModelMigrationRunner modelMigrationRunner(
            MigrateModel migrate,
            ModelEmbeddings embeddings,
            ModelMigrations migrations,
            ImageStore images,
            MlProperties ml,
            Clock clock) {
        return new ModelMigrationRunner(migrate, embeddings, migrations, images, ml.toMlConfig(), clock);
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(ModelMigrationRunner.class).resume();
    }
}
