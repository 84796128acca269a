package dev.facerec.api.app.migration;

import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.config.MlProperties;
import dev.facerec.api.app.config.ModelSwitchProperties;
import dev.facerec.api.http.load.LoadLimits;
import dev.facerec.core.FaceException;
import dev.facerec.core.migration.MigrateModel;
import dev.facerec.core.migration.ModelEmbeddings;
import dev.facerec.core.migration.ModelMigrations;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.recognizer.ModelGuard;
import dev.facerec.core.store.ImageStore;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Model migrations over the database's ports and the service's image store, and the live switch of this replica's
 * recognizer that follows a switch-over or rollback on any replica. Once the service is ready, a pass left running by
 * a stopped replica goes on and the switcher starts watching.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelSwitchProperties.class)
public class ModelMigrationConfiguration {
    @Bean
    MigrateModel migrateModel(ModelEmbeddings embeddings, ModelMigrations migrations, Clock clock) {
        return new MigrateModel(embeddings, migrations, clock);
    }

    @Bean(destroyMethod = "close")
    LoadedEngines loadedEngines(MlProperties ml) {
        return new LoadedEngines(ml.toMlConfig());
    }

    @Bean(destroyMethod = "close")
    RecognizerSwitcher recognizerSwitcher(
            ActiveRecognizer recognizers,
            MigrateModel migrate,
            LoadedEngines engines,
            FaceRepository faces,
            ModelSwitchProperties properties,
            ObjectProvider<MeterRegistry> registry) {
        return new RecognizerSwitcher(
                recognizers,
                migrate::persistedModel,
                engines::takeOrLoad,
                () -> new InMemoryGalleryIndex(IndexConfig.defaults()),
                faces,
                properties.pollInterval(),
                properties.retireAfter(),
                FaceUseCaseConfiguration.registryOf(registry));
    }

    /**
     * Enrolment's last check, under the face write lock: the face's model must be the one the database keeps faces in.
     * A refusal wakes the switcher, which has most likely not noticed the switch-over yet.
     */
    @Bean
    ModelGuard modelGuard(MigrateModel migrate, RecognizerSwitcher switcher) {
        return modelId -> {
            try {
                migrate.requireActive(modelId);
            } catch (FaceException e) {
                switcher.wakeUp();
                throw e;
            }
        };
    }

    @Bean(destroyMethod = "close")
    ModelMigrationRunner modelMigrationRunner(
            MigrateModel migrate,
            ModelEmbeddings embeddings,
            ModelMigrations migrations,
            ImageStore images,
            MlProperties ml,
            LoadedEngines engines,
            RecognizerSwitcher switcher,
            LoadLimits limits,
            Clock clock) {
        return new ModelMigrationRunner(
                migrate, embeddings, migrations, images, ml.recognizerPack(), engines, switcher, limits, clock);
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(ModelMigrationRunner.class).resume();
        ready.getApplicationContext().getBean(RecognizerSwitcher.class).start();
    }
}
