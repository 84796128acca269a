package dev.facerec.api.app.health;

import dev.facerec.api.app.config.JobProperties;
import dev.facerec.api.app.config.UploadProperties;
import dev.facerec.api.fake.FakeFaceEngine;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.recognizer.Recognizer;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.testing.FakePipeline;
import dev.facerec.core.usecase.IndexSynchronizer;
import dev.facerec.index.InMemoryGalleryIndex;
import dev.facerec.index.IndexConfig;
import dev.facerec.persistence.DatabaseInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The ports behind the health indicators as hand-written fakes whose availability a test switches. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({UploadProperties.class, JobProperties.class})
@Import(ModelsStatus.class)
class HealthTestPorts {
    /** The URL shown for the fake database: the password stays in the settings, as with the real one. */
    static final String DATABASE_URL = "jdbc:postgresql://db.internal:5432/facerec";

    @Bean
    FakeFaceEngine faceEngine() {
        return new FakeFaceEngine();
    }

    @Bean
    FakeDatabase fakeDatabase() {
        return new FakeDatabase();
    }

    @Bean
    DataSource dataSource(FakeDatabase database) {
        return database.dataSource();
    }

    @Bean
    DatabaseInfo databaseInfo() {
        return new DatabaseInfo(DatabaseInfo.Kind.POSTGRESQL, DATABASE_URL);
    }

    @Bean
    SwitchableImageStore imageStore() {
        return new SwitchableImageStore();
    }

    @Bean
    SwitchableEmbeddingCache embeddingCache() {
        return new SwitchableEmbeddingCache();
    }

    @Bean(destroyMethod = "close")
    InMemoryGalleryIndex galleryIndex() {
        return new InMemoryGalleryIndex(IndexConfig.defaults());
    }

    @Bean
    ActiveRecognizer activeRecognizer(FakeFaceEngine engine, InMemoryGalleryIndex index) {
        return new ActiveRecognizer(new Recognizer(
                engine.decoder(),
                engine.detector(),
                engine.embedder(),
                index,
                new IndexSynchronizer(
                        new FakePipeline().faces(),
                        index,
                        engine.embedder().model().id(),
                        1000),
                () -> {}));
    }

    /** An image store that holds nothing and answers as a test says. */
    static final class SwitchableImageStore implements ImageStore {
        volatile boolean available = true;

        @Override
        public String put(byte[] bytes, String mediaType) {
            throw new UnsupportedOperationException("health tests store no images");
        }

        @Override
        public Optional<byte[]> get(String key) {
            return Optional.empty();
        }

        @Override
        public boolean contains(String key) {
            return false;
        }

        @Override
        public void delete(String key) {}

        @Override
        public boolean isAvailable() {
            return available;
        }

        @Override
        public void forEachKey(Consumer<? super String> action) {}
    }

    /** A cache that always misses and reports its backend as a test says, like Redis going away. */
    static final class SwitchableEmbeddingCache implements EmbeddingCache {
        volatile boolean available = true;

        @Override
        public Optional<List<AnalysedFace>> get(String imageSha256, String modelId) {
            return Optional.empty();
        }

        @Override
        public void put(String imageSha256, String modelId, List<AnalysedFace> faces) {}

        @Override
        public boolean evict(String imageSha256, String modelId) {
            return false;
        }

        @Override
        public boolean isAvailable() {
            return available;
        }
    }
}
