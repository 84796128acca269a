package dev.facerec.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PhotosTest {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};

    @Test
    void aJpegKeepsItsBytesUpToTheEndOfImageMarker() {
        byte[] unique = Photos.unique(JPEG, "a.jpg", 7);
        assertArrayEquals(JPEG, Arrays.copyOf(unique, JPEG.length));
        assertFalse(Arrays.equals(unique, Photos.unique(JPEG, "a.jpg", 8)), "two uploads differ");
    }

    @Test
    void aHeifGetsATopLevelFreeBox() {
        byte[] heif = {0, 0, 0, 8, 'f', 't', 'y', 'p'};
        byte[] unique = Photos.unique(heif, "a.HEIC", 42);
        assertEquals(heif.length + 16, unique.length);
        ByteBuffer box = ByteBuffer.wrap(unique, heif.length, 16);
        assertEquals(16, box.getInt(), "the box's size covers its header and the number");
        byte[] type = new byte[4];
        box.get(type);
        assertEquals("free", new String(type, StandardCharsets.US_ASCII));
        assertEquals(42, box.getLong());
    }

    @Test
    void mediaTypeFollowsTheExtension() {
        assertEquals("image/jpeg", Photos.mediaType(Path.of("x/a.jpg")));
        assertEquals("image/heic", Photos.mediaType(Path.of("x/a.heic")));
        assertEquals("image/avif", Photos.mediaType(Path.of("x/a.AVIF")));
    }
}
