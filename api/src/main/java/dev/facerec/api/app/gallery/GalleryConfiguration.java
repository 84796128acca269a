package dev.facerec.api.app.gallery;

import dev.facerec.api.app.config.ClockConfiguration;
import dev.facerec.api.app.config.FaceUseCaseConfiguration;
import dev.facerec.api.app.events.DomainEventConfiguration;
import dev.facerec.api.app.metrics.TimedGalleryIndex;
import dev.facerec.api.http.load.LoadLimits;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.cache.EmbeddingCache;
import dev.facerec.core.event.DomainEvents;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.gallery.GalleryAccessRepository;
import dev.facerec.core.gallery.GalleryRepository;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.migration.ModelEmbeddings;
import dev.facerec.core.person.FaceRepository;
import dev.facerec.core.person.PersonRepository;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.quality.QualityPolicy;
import dev.facerec.core.recognizer.ActiveRecognizer;
import dev.facerec.core.recognizer.ModelGuard;
import dev.facerec.core.store.ImageStore;
import dev.facerec.core.usecase.AnalyseFaces;
import dev.facerec.core.usecase.DeleteFace;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.FaceImage;
import dev.facerec.core.usecase.IdentifyFaces;
import dev.facerec.core.usecase.ListFaces;
import dev.facerec.core.usecase.ManageGalleries;
import dev.facerec.core.usecase.ManageGalleryAccess;
import dev.facerec.core.usecase.ManagePersons;
import dev.facerec.core.usecase.SubjectFace;
import dev.facerec.core.usecase.VerifyPerson;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The gallery use cases, built from the port beans: repositories and image store come from the adapters'
 * configuration, the embedding cache from {@link dev.facerec.api.app.cache.CacheConfiguration}, the pipeline from the
 * timed pipeline ports of {@link FaceUseCaseConfiguration}, and the index (and the model query images are cached
 * under) from its {@link ActiveRecognizer}, so they follow a model switch; the writing ones raise their events through
 * {@link DomainEventConfiguration}'s {@link DomainEvents}. Each applies the rule of restricted galleries
 * ({@link GalleryAccess}) to the caller it is handed, whichever front door hands it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnrollmentProperties.class)
@Import({ClockConfiguration.class, DomainEventConfiguration.class})
public class GalleryConfiguration {
    private final Clock clock;

    GalleryConfiguration(Clock clock) {
        this.clock = clock;
    }

    @Bean
    GalleryAccess galleryAccess(GalleryAccessRepository access, PersonRepository persons) {
        return new GalleryAccess(access, persons);
    }

    @Bean
    ManageGalleryAccess manageGalleryAccess(
            GalleryAccess access, GalleryRepository galleries, GalleryAccessRepository lists) {
        return new ManageGalleryAccess(access, galleries, lists);
    }

    @Bean
    ManageGalleries manageGalleries(
            GalleryAccess access,
            GalleryRepository galleries,
            FaceRepository faces,
            ImageStore images,
            ActiveRecognizer recognizers,
            EmbeddingCache cache,
            DomainEvents events) {
        return new ManageGalleries(
                access, galleries, faces, images, recognizers.index(), cache, queryModel(recognizers), clock, events);
    }

    @Bean
    ManagePersons managePersons(
            GalleryAccess access,
            GalleryRepository galleries,
            PersonRepository persons,
            FaceRepository faces,
            ImageStore images,
            ActiveRecognizer recognizers,
            EmbeddingCache cache,
            DomainEvents events) {
        return new ManagePersons(
                access,
                galleries,
                persons,
                faces,
                images,
                recognizers.index(),
                cache,
                queryModel(recognizers),
                clock,
                events);
    }

    /**
     * Enrolment embeds with {@link ActiveRecognizer#enrolmentEmbedder()} (during a switch, the new model already) and
     * stores only what the {@link ModelGuard} accepts, which the model migrations provide (every model without them).
     */
    @Bean
    EnrollFace enrollFace(
            GalleryAccess access,
            ImageDecoder decoder,
            FaceDetector detector,
            ActiveRecognizer recognizers,
            LoadLimits limits,
            ObjectProvider<MeterRegistry> registry,
            PersonRepository persons,
            FaceRepository faces,
            ImageStore images,
            DomainEvents events,
            EnrollmentProperties enrollment,
            ObjectProvider<ModelGuard> guard) {
        return new EnrollFace(
                access,
                decoder,
                detector,
                FaceUseCaseConfiguration.served(recognizers.enrolmentEmbedder(), limits, registry),
                persons,
                faces,
                images,
                recognizers.index(),
                new QualityGate(QualityPolicy.ENROLLMENT),
                new SubjectFace(QualityPolicy.ENROLLMENT, enrollment.backgroundFaceRatio()),
                clock,
                events,
                guard.getIfAvailable(() -> ModelGuard.ANY));
    }

    @Bean
    ListFaces listFaces(
            GalleryAccess access, GalleryRepository galleries, PersonRepository persons, FaceRepository faces) {
        return new ListFaces(access, galleries, persons, faces);
    }

    @Bean
    DeleteFace deleteFace(
            GalleryAccess access,
            FaceRepository faces,
            ImageStore images,
            ActiveRecognizer recognizers,
            EmbeddingCache cache,
            DomainEvents events) {
        return new DeleteFace(
                access, faces, images, recognizers.index(), cache, queryModel(recognizers), clock, events);
    }

    @Bean
    FaceImage faceImage(GalleryAccess access, FaceRepository faces, ImageStore images) {
        return new FaceImage(access, faces, images);
    }

    @Bean
    VerifyPerson verifyPerson(
            GalleryAccess access,
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            EmbeddingCache cache,
            PersonRepository persons,
            FaceRepository faces,
            ObjectProvider<ModelEmbeddings> otherModels) {
        ModelEmbeddings stored = otherModels.getIfAvailable();
        return new VerifyPerson(
                access,
                decoder,
                detector,
                embedder,
                cache,
                new QualityGate(QualityPolicy.QUERY),
                persons,
                faces,
                stored == null ? VerifyPerson.OtherModels.NONE : stored::find);
    }

    @Bean
    AnalyseFaces analyseFaces(
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            EmbeddingCache cache,
            FaceRepository faces,
            GalleryAccess access) {
        return new AnalyseFaces(
                decoder, detector, embedder, cache, new QualityGate(QualityPolicy.QUERY), faces, access);
    }

    @Bean
    IdentifyFaces identifyFaces(
            GalleryAccess access,
            ImageDecoder decoder,
            FaceDetector detector,
            FaceEmbedder embedder,
            EmbeddingCache cache,
            GalleryRepository galleries,
            PersonRepository persons,
            ActiveRecognizer recognizers,
            DomainEvents events,
            ObjectProvider<MeterRegistry> registry) {
        // Only identification searches the index, so only its view of the index is timed: the recognizer's index
        // view stays the one the life cycle, health and memory gauge see.
        return new IdentifyFaces(
                access,
                decoder,
                detector,
                embedder,
                cache,
                new QualityGate(QualityPolicy.QUERY),
                galleries,
                persons,
                new TimedGalleryIndex(recognizers.index(), FaceUseCaseConfiguration.registryOf(registry)),
                events,
                clock);
    }

    /** The model query images are analysed (and cached) with now, for the erasures' cache eviction. */
    static Supplier<String> queryModel(ActiveRecognizer recognizers) {
        return () -> recognizers.model().id();
    }
}
