package dev.facerec.tools.eval;

import dev.facerec.core.FaceException;
import dev.facerec.core.face.BoundingBox;
import dev.facerec.core.face.DetectedFace;
import dev.facerec.core.image.DecodedImage;
import dev.facerec.core.quality.QualityGate;
import dev.facerec.core.quality.QualityPolicy;
import dev.facerec.core.usecase.SubjectFace;
import dev.facerec.ml.FaceEngine;
import dev.facerec.ml.MlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code make eval-enrollment}: which photos of a folder the service would enrol, and why it would refuse the others,
 * with the enrolment's own rules ({@link SubjectFace} at the given background ratio, then the enrolment
 * {@link QualityGate}) on the real detector. For photos with more than one face of enrollable size it also says
 * whether the face taken is the one nearest the centre, which on portrait crops such as LFW is the subject.
 *
 * <pre>--data DIR (photos, searched recursively) --models DIR [--ratio 0.7]</pre>
 */
public final class EnrollmentEvaluation {
    private EnrollmentEvaluation() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LfwEvaluation.parse(args);
        Path data = Path.of(LfwEvaluation.required(options, "data"));
        double ratio = Double.parseDouble(
                options.getOrDefault("ratio", Double.toString(SubjectFace.DEFAULT_BACKGROUND_RATIO)));
        SubjectFace subject = new SubjectFace(QualityPolicy.ENROLLMENT, ratio);
        QualityGate gate = new QualityGate(QualityPolicy.ENROLLMENT);
        List<Path> photos;
        try (Stream<Path> files = Files.walk(data)) {
            photos = files.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                    .sorted()
                    .toList();
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        int multiFace = 0;
        int multiFaceEnrolled = 0;
        int multiFaceCentred = 0;
        try (FaceEngine engine =
                FaceEngine.start(MlConfig.defaults(Path.of(LfwEvaluation.required(options, "models"))))) {
            for (Path photo : photos) {
                DecodedImage image = engine.decoder().decode(Files.readAllBytes(photo));
                List<DetectedFace> faces = engine.detector().detect(image);
                boolean several = faces.stream()
                                .filter(face ->
                                        Math.min(face.box().width(), face.box().height())
                                                >= QualityPolicy.ENROLLMENT.minFaceSize())
                                .count()
                        > 1;
                multiFace += several ? 1 : 0;
                String outcome;
                try {
                    DetectedFace chosen = subject.pick(faces, Optional.empty());
                    gate.check(image, chosen);
                    outcome = "enrolled";
                    if (several) {
                        multiFaceEnrolled++;
                        multiFaceCentred += chosen == nearestTheCentre(faces, image) ? 1 : 0;
                    }
                } catch (FaceException e) {
                    Object reason = e.details().get("reason");
                    outcome = e.code() + (reason == null ? "" : " " + reason);
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%d photos in %s, background face ratio %.2f%n", photos.size(), data, ratio);
        outcomes.forEach((outcome, count) -> System.out.printf(
                Locale.ROOT, "  %-28s %5d  %5.1f%%%n", outcome, count, 100.0 * count / photos.size()));
        System.out.printf(
                Locale.ROOT,
                "photos with several faces of enrollable size: %d; enrolled %d, of which the face nearest the centre: %d%n",
                multiFace,
                multiFaceEnrolled,
                multiFaceCentred);
    }

    private static DetectedFace nearestTheCentre(List<DetectedFace> faces, DecodedImage image) {
        DetectedFace nearest = faces.getFirst();
        double best = Double.MAX_VALUE;
        for (DetectedFace face : faces) {
            BoundingBox box = face.box();
            double dx = box.x() + box.width() / 2 - image.width() / 2.0;
            double dy = box.y() + box.height() / 2 - image.height() / 2.0;
            double distance = dx * dx + dy * dy;
            if (distance < best) {
                best = distance;
                nearest = face;
            }
        }
        return nearest;
    }
}
