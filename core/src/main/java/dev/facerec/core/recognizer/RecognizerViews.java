package dev.facerec.core.recognizer;

import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.face.Embedding;
import dev.facerec.core.face.FaceDetector;
import dev.facerec.core.face.FaceEmbedder;
import dev.facerec.core.face.RecognitionModel;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.image.ImageDecoder;
import dev.facerec.core.image.ImageFormat;
import dev.facerec.core.index.GalleryIndex;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The ports an {@link ActiveRecognizer} hands out: each call reaches the recognizer that should answer it. */
final class RecognizerViews {
    private static final System.Logger log = System.getLogger(RecognizerViews.class.getName());

    private RecognizerViews() {}

    /** The active recognizer's decoder. */
    record Decoder(ActiveRecognizer recognizers) implements ImageDecoder {
        @Override
        public DecodedImage decode(byte[] bytes) {
            return recognizers.active().decoder().decode(bytes);
        }

        @Override
        public long declaredPixels(byte[] bytes) {
            return recognizers.active().decoder().declaredPixels(bytes);
        }

        @Override
        public List<ImageFormat> supportedFormats() {
            return recognizers.active().decoder().supportedFormats();
        }

        @Override
        public Map<String, String> decoders() {
            return recognizers.active().decoder().decoders();
        }
    }

    /** The active recognizer's detector. */
    record Detector(ActiveRecognizer recognizers) implements FaceDetector {
        @Override
        public List<DetectedFace> detect(DecodedImage image) {
            return recognizers.active().detector().detect(image);
        }

        @Override
        public String modelId() {
            return recognizers.active().detector().modelId();
        }
    }

    /**
     * The active recognizer's embedder, or for enrolments the one being prepared. Its {@link #model()} is the model
     * of that moment: a caller that needs one model for a whole request reads it once and checks the embeddings
     * against it ({@link ModelSwitch#require}).
     */
    record Embedder(ActiveRecognizer recognizers, boolean enrolment) implements FaceEmbedder {
        @Override
        public List<Embedding> embed(DecodedImage image, List<DetectedFace> faces) {
            return current().embed(image, faces);
        }

        @Override
        public RecognitionModel model() {
            return current().model();
        }

        private FaceEmbedder current() {
            ActiveRecognizer.State state = recognizers.state();
            return (enrolment ? state.enrolling() : state.active()).embedder();
        }
    }

    /** Every held recognizer's index, each call routed by the model of its embedding. */
    record Index(ActiveRecognizer recognizers) implements GalleryIndex {
        @Override
        public void add(UUID galleryId, UUID personId, UUID faceId, Embedding embedding) {
            List<Recognizer> holding = recognizers.state().holding(embedding.modelId());
            if (holding.isEmpty()) {
                // A face committed with a model no longer served here: the database keeps it, an index of its model
                // (after a rollback) loads it from there.
                log.log(Level.DEBUG, "No index of model {0} here; face {1} not indexed", embedding.modelId(), faceId);
            }
            holding.forEach(recognizer -> recognizer.index().add(galleryId, personId, faceId, embedding));
        }

        @Override
        public boolean remove(UUID galleryId, UUID faceId) {
            boolean removed = false;
            for (Recognizer recognizer : recognizers.all()) {
                removed |= recognizer.index().remove(galleryId, faceId);
            }
            return removed;
        }

        @Override
        public int removeGallery(UUID galleryId) {
            ActiveRecognizer.State state = recognizers.state();
            int held = 0;
            for (Recognizer recognizer : state.all()) {
                int count = recognizer.index().removeGallery(galleryId);
                if (recognizer == state.active()) {
                    held = count;
                }
            }
            return held;
        }

        @Override
        public List<Candidate> search(UUID galleryId, Embedding query, int limit) {
            ActiveRecognizer.State state = recognizers.state();
            return state.searchable(query.modelId())
                    .orElseThrow(() -> ModelSwitch.notServed(
                            query.modelId(), state.active().modelId()))
                    .index()
                    .search(galleryId, query, limit);
        }

        @Override
        public int size(UUID galleryId, String modelId) {
            return recognizers
                    .state()
                    .searchable(modelId)
                    .map(recognizer -> recognizer.index().size(galleryId, modelId))
                    .orElse(0);
        }

        @Override
        public Map<UUID, Integer> facesPerGallery() {
            return recognizers.active().index().facesPerGallery();
        }

        @Override
        public long memoryBytes() {
            return recognizers.all().stream()
                    .mapToLong(recognizer -> recognizer.index().memoryBytes())
                    .sum();
        }
    }
}
