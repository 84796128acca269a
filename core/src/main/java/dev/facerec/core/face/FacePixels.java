package dev.facerec.core.face;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.image.DecodedImage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pixels fine enough for each face's embedding and quality checks. A large photo is decoded at the reduced scale
 * detection needs; a face that then spans fewer than {@value #CROP_SIDE} pixels (the recognizer's input side) would
 * be upsampled into its crop and lose detail the photo has. For such faces one finer decode is made of the region
 * that holds them all, at the scale the smallest of them needs; larger faces keep the first decode.
 */
public final class FacePixels {
    /** The recognizer's input side and the side quality checks resample a face to. */
    public static final int CROP_SIDE = 112;
    /** The aligner samples around the face box (forehead, chin, cheeks): the finer region covers this much more. */
    private static final float MARGIN = 0.5f;

    private final DecodedImage coarse;
    private final DecodedImage fine;

    private FacePixels(DecodedImage coarse, DecodedImage fine) {
        this.coarse = coarse;
        this.fine = fine;
    }

    /** Looks closer once, if any of {@code faces} needs it and the decoder can. */
    public static FacePixels of(DecodedImage image, List<DetectedFace> faces) {
        requireNonNull(image, "image is null");
        BoundingBox region = null;
        float scale = 0;
        for (DetectedFace face : faces) {
            float needed = neededScale(face);
            if (needed > image.scale()) {
                region = union(region, around(face.box()));
                scale = Math.max(scale, needed);
            }
        }
        if (region == null) {
            return new FacePixels(image, null);
        }
        return new FacePixels(image, image.finer(region, scale).orElse(null));
    }

    /** The pixels to embed and check {@code face} with. */
    public DecodedImage forFace(DetectedFace face) {
        if (fine != null
                && neededScale(face) > coarse.scale()
                && fine.scale() > coarse.scale()
                && fine.covers(around(face.box()))) {
            return fine;
        }
        return coarse;
    }

    /** Embeds the faces, each from its own pixels, in the order given (batched per source of pixels). */
    public List<Embedding> embed(FaceEmbedder embedder, List<DetectedFace> faces) {
        if (fine == null) {
            return embedder.embed(coarse, faces);
        }
        Map<DecodedImage, List<DetectedFace>> groups = new IdentityHashMap<>();
        for (DetectedFace face : faces) {
            groups.computeIfAbsent(forFace(face), image -> new ArrayList<>()).add(face);
        }
        Map<DetectedFace, Embedding> embeddings = new IdentityHashMap<>();
        groups.forEach((image, group) -> {
            List<Embedding> embedded = embedder.embed(image, group);
            for (int i = 0; i < group.size(); i++) {
                embeddings.put(group.get(i), embedded.get(i));
            }
        });
        return faces.stream().map(embeddings::get).toList();
    }

    /** The scale at which the face spans the crop side, never above 1. */
    public static float neededScale(DetectedFace face) {
        float side = Math.max(face.box().width(), face.box().height());
        return side <= CROP_SIDE ? 1f : CROP_SIDE / side;
    }

    private static BoundingBox around(BoundingBox box) {
        float dx = box.width() * MARGIN;
        float dy = box.height() * MARGIN;
        return new BoundingBox(box.x() - dx, box.y() - dy, box.width() + 2 * dx, box.height() + 2 * dy);
    }

    private static BoundingBox union(BoundingBox a, BoundingBox b) {
        if (a == null) {
            return b;
        }
        float left = Math.min(a.x(), b.x());
        float top = Math.min(a.y(), b.y());
        float right = Math.max(a.x() + a.width(), b.x() + b.width());
        float bottom = Math.max(a.y() + a.height(), b.y() + b.height());
        return new BoundingBox(left, top, right - left, bottom - top);
    }
}
