package dev.facerec.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.facerec.core.account.ApiKeyRepository;
import dev.facerec.core.account.TokenRepository;
import dev.facerec.core.account.UserAccountRepository;
import dev.facerec.core.audit.AuditLog;
import dev.facerec.core.crypto.EncryptedFaces;
import dev.facerec.core.crypto.KeyRing;
import dev.facerec.core.gallery.GalleryAccessRepository;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.job.JobRepository;
import dev.facerec.core.migration.ModelEmbeddings;
import dev.facerec.core.migration.ModelMigrations;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.webhook.WebhookRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The persistence module's one public entry point: import it and the repository ports are beans.
 *
 * <p>It builds everything itself (pool, migrations, entity manager, transactions) rather than leaning on Boot's
 * auto-configuration, so the api and the small test contexts run exactly the same set-up, and Boot's DataSource,
 * JPA and transaction auto-configuration back off because these beans exist. The database is chosen by the
 * {@link DatabaseSettings} the importing context supplies (the api translates {@code facerec.database.*} into them):
 * PostgreSQL when a host is set, the embedded H2 file database otherwise. Flyway migrates before Hibernate validates
 * the entities against the schema. The importing context also supplies the {@link KeyRing} that embeddings are sealed
 * under and the service's one {@link Clock}, which stamps the change log.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = PersistenceConfiguration.class)
public class PersistenceConfiguration {
    private static final String PACKAGE = PersistenceConfiguration.class.getPackageName();

    private final Clock clock;

    PersistenceConfiguration(Clock clock) {
        this.clock = clock;
    }

    @Bean
    DatabaseInfo databaseInfo(DatabaseSettings settings) {
        return DatabaseInfo.of(settings);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseSettings settings) {
        return DataSources.create(settings);
    }

    @Bean
    Flyway flyway(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        flyway.migrate();
        return flyway;
    }

    /** Depends on {@link Flyway} so that the schema is migrated before Hibernate validates it. */
    @Bean
    LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource, Flyway flyway) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setPackagesToScan(PACKAGE);
        factory.setPersistenceUnitName("facerec");
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setJpaPropertyMap(Map.of(
                // The migrations own the schema; Hibernate only checks that the entities match it.
                "hibernate.hbm2ddl.auto", "validate",
                "hibernate.jdbc.time_zone", "UTC",
                "hibernate.jdbc.batch_size", "50",
                "hibernate.order_inserts", "true"));
        return factory;
    }

    @Bean
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    GalleryRepository galleryRepository(
            EntityManagerFactory entityManagerFactory, GalleryRows rows, JpaTransactionManager transactionManager) {
        EntityManager entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
        return new JpaGalleryRepository(
                entityManager, rows, changeLog(entityManager), new Transactions(transactionManager));
    }

    @Bean
    PersonRepository personRepository(
            EntityManagerFactory entityManagerFactory, PersonRows rows, JpaTransactionManager transactionManager) {
        EntityManager entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
        return new JpaPersonRepository(
                entityManager, rows, changeLog(entityManager), new Transactions(transactionManager));
    }

    @Bean
    FaceRepository faceRepository(
            EntityManagerFactory entityManagerFactory,
            FaceRows faces,
            FaceChangeRows changes,
            JpaTransactionManager transactionManager,
            KeyRing keys) {
        EntityManager entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
        return new JpaFaceRepository(
                entityManager,
                faces,
                changes,
                changeLog(entityManager),
                new Transactions(transactionManager),
                keys,
                JpaFaceRepository.STREAM_PAGE_SIZE);
    }

    @Bean
    UserAccountRepository userAccountRepository(DataSource dataSource, Flyway migrated) {
        return new JdbcUserAccountRepository(JdbcClient.create(dataSource));
    }

    @Bean
    GalleryAccessRepository galleryAccessRepository(
            DataSource dataSource, Flyway migrated, JpaTransactionManager transactionManager) {
        return new JdbcGalleryAccessRepository(
                JdbcClient.create(dataSource), new TransactionTemplate(transactionManager));
    }

    @Bean
    JobRepository jobRepository(DataSource dataSource, Flyway migrated, JpaTransactionManager transactionManager) {
        return new JdbcJobRepository(new JdbcTemplate(dataSource), new TransactionTemplate(transactionManager));
    }

    @Bean
    TokenRepository tokenRepository(DataSource dataSource, Flyway migrated) {
        return new JdbcTokenRepository(JdbcClient.create(dataSource));
    }

    @Bean
    ApiKeyRepository apiKeyRepository(DataSource dataSource, Flyway migrated) {
        return new JdbcApiKeyRepository(JdbcClient.create(dataSource));
    }

    @Bean
    WebhookRepository webhookRepository(DataSource dataSource, Flyway migrated) {
        return new JdbcWebhookRepository(JdbcClient.create(dataSource));
    }

    /** Plain JDBC transactions of its own: the log shares nothing with the entity manager. */
    @Bean
    AuditLog auditLog(DataSource dataSource, Flyway migrated) {
        return new JdbcAuditLog(
                new JdbcTemplate(dataSource), new TransactionTemplate(new JdbcTransactionManager(dataSource)));
    }

    @Bean
    EncryptedFaces encryptedFaces(
            EntityManagerFactory entityManagerFactory,
            FaceRows faces,
            JpaTransactionManager transactionManager,
            KeyRing keys) {
        EntityManager entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
        return new JpaEncryptedFaces(
                entityManager, faces, changeLog(entityManager), new Transactions(transactionManager), keys);
    }

    /** Plain JDBC in the JPA transaction manager's transactions, so a face's erasure and its embeddings agree. */
    @Bean
    ModelEmbeddings modelEmbeddings(
            DataSource dataSource, Flyway migrated, JpaTransactionManager transactionManager, KeyRing keys) {
        return new JdbcModelEmbeddings(
                JdbcClient.create(dataSource), new TransactionTemplate(transactionManager), keys, clock);
    }

    @Bean
    ModelMigrations modelMigrations(DataSource dataSource, Flyway migrated, JpaTransactionManager transactionManager) {
        return new JdbcModelMigrations(
                JdbcClient.create(dataSource), new TransactionTemplate(transactionManager), clock);
    }

    private ChangeLog changeLog(EntityManager entityManager) {
        return new ChangeLog(entityManager, clock);
    }
}
