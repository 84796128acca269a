package dev.facerec.tools.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FreshUploadTest {
    // Carries a JFIF segment, a comment, Photoshop and EXIF segments and an ICC profile before its tables.
    private static final String PHOTO = "detection/large/facenetpytorch_shea_whigham_2048.jpg";

    @Test
    void eachSerialGivesAnotherHashOfTheSameLengthAndTheSamePixels() throws Exception {
        byte[] original = Files.readAllBytes(Path.of(System.getProperty("facerec.data.dir"), PHOTO));

        byte[] first = FreshUpload.jpeg(original, 1);
        byte[] second = FreshUpload.jpeg(original, 2);

        assertThat(first).hasSameSizeAs(second);
        assertThat(sha256(first)).isNotEqualTo(sha256(second)).isNotEqualTo(sha256(original));
        assertThat(pixels(second)).isEqualTo(pixels(original));
    }

    @Test
    void theCommentGoesAfterTheApplicationSegmentsSoJfifAndExifStayWhereReadersLookForThem() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 1, 2, (byte) 0xFF, (byte) 0xDB, 0, 2, 9
        };

        byte[] fresh = FreshUpload.jpeg(jpeg, 7);

        assertThat(Arrays.copyOf(fresh, 8)).isEqualTo(Arrays.copyOf(jpeg, 8));
        assertThat(fresh[8] & 0xFF).isEqualTo(0xFF);
        assertThat(fresh[9] & 0xFF).isEqualTo(0xFE);
        assertThat(Arrays.copyOfRange(fresh, fresh.length - 5, fresh.length))
                .isEqualTo(Arrays.copyOfRange(jpeg, 8, jpeg.length));
    }

    @Test
    void refusesWhatIsNotAJpeg() {
        assertThatThrownBy(() -> FreshUpload.jpeg(new byte[] {'G', 'I', 'F', '8'}, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        FreshUpload.jpeg(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 1, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // The service keys its embedding cache by the SHA-256 of the upload (QueryFaces).
    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return java.util.HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static int[] pixels(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
