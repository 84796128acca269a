package dev.facerec.core.face;

/** An axis-aligned box in image pixel coordinates; {@code x, y} is the top-left corner. */
public record BoundingBox(float x, float y, float width, float height) {
    public BoundingBox {
        if (!(width >= 0) || !(height >= 0) || !Float.isFinite(x) || !Float.isFinite(y)) {
            throw new IllegalArgumentException("invalid box: " + x + ", " + y + ", " + width + " x " + height);
        }
    }

    public float area() {
        return width * height;
    }

    /** Intersection over union with another box, in [0, 1]. */
    public float iou(BoundingBox other) {
        float left = Math.max(x, other.x);
        float top = Math.max(y, other.y);
        float right = Math.min(x + width, other.x + other.width);
        float bottom = Math.min(y + height, other.y + other.height);
        float intersection = Math.max(0, right - left) * Math.max(0, bottom - top);
        float union = area() + other.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
