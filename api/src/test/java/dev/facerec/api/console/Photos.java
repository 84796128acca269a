package dev.facerec.api.console;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * The photos the browser tests upload, made from the real LFW photos of the shared fixtures: single photos as they
 * are, and group photos composed of several people's faces side by side, so that which face is whose is known.
 */
final class Photos {
    static final Path LFW = Path.of(System.getProperty("facerec.data.dir", "../../shared/data"), "lfw-dev/images");
    // LFW photos are 250 px squares centred on the face; the middle 150 px hold the face and little of the people
    // who sometimes stand behind it, whose partial faces a group photo must not gain.
    private static final int CROP = 150;
    private static final int FACE = 220;
    private static final int MARGIN = 60;

    private Photos() {}

    /** {@code lfw-dev/images/<name>/<name>_<nnnn>.jpg}. */
    static Path lfw(String name, int number) {
        return LFW.resolve(name).resolve("%s_%04d.jpg".formatted(name, number));
    }

    /** The photos' faces side by side, left to right, on a plain background: a group photo whose faces are known. */
    static Path group(Path folder, String fileName, List<Path> photos) {
        int width = MARGIN + photos.size() * (FACE + MARGIN);
        int height = FACE + 2 * MARGIN;
        BufferedImage group = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = group.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        graphics.setColor(new Color(0xd8, 0xd4, 0xcc));
        graphics.fillRect(0, 0, width, height);
        for (int i = 0; i < photos.size(); i++) {
            BufferedImage face = centre(read(photos.get(i)));
            graphics.drawImage(face, MARGIN + i * (FACE + MARGIN), MARGIN, FACE, FACE, null);
        }
        graphics.dispose();
        return write(folder.resolve(fileName), group);
    }

    /**
     * A fake camera for Chromium ({@code --use-file-for-fake-video-capture}): an MJPEG file, which for Chromium is
     * JPEG frames one after the other, 640x480 (a size its capture accepts), showing the photo's face in the middle.
     */
    static Path camera(Path folder, Path photo) {
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = frame.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        graphics.setColor(new Color(0x50, 0x58, 0x60));
        graphics.fillRect(0, 0, 640, 480);
        graphics.drawImage(read(photo), 140, 60, 360, 360, null);
        graphics.dispose();
        byte[] jpeg = jpeg(frame);
        Path file = folder.resolve("camera.mjpeg");
        try (var out = Files.newOutputStream(file)) {
            // Chromium loops over the frames; a few identical ones make a still, steady picture.
            for (int i = 0; i < 10; i++) {
                out.write(jpeg);
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return file;
    }

    private static BufferedImage centre(BufferedImage photo) {
        int x = (photo.getWidth() - CROP) / 2;
        int y = (photo.getHeight() - CROP) / 2;
        return photo.getSubimage(x, y, CROP, CROP);
    }

    static BufferedImage read(Path photo) {
        try {
            BufferedImage image = ImageIO.read(photo.toFile());
            if (image == null) {
                throw new IllegalArgumentException(photo + " is not an image ImageIO reads");
            }
            return image;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static Path write(Path file, BufferedImage image) {
        try {
            Files.write(file, jpeg(image));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return file;
    }

    /** A baseline JPEG at quality 0.92, without thumbnails or other markers that a frame parser could trip on. */
    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam parameters = writer.getDefaultWriteParam();
        parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        parameters.setCompressionQuality(0.92f);
        var bytes = new ByteArrayOutputStream();
        try (var out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
