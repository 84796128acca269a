package dev.facerec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadSetupTest {
    @Test
    void choosesPeopleWithTwoPhotosAcrossTheAlphabet(@TempDir Path lfw) throws IOException {
        Files.write(lfw.resolve("people.txt"), List.of("Ada\t2", "Bea\t1", "Cal\t3", "Dee\t2", "Eve\t5", "Fay\t1"));
        assertEquals(List.of("Ada", "Cal", "Dee", "Eve"), LoadSetup.peopleWithTwoPhotos(lfw, 4));
        assertEquals(List.of("Ada", "Dee"), LoadSetup.peopleWithTwoPhotos(lfw, 2));
        assertThrows(IllegalArgumentException.class, () -> LoadSetup.peopleWithTwoPhotos(lfw, 5));
    }

    @Test
    void readsTheFormatsByTheirExtensions() throws IOException {
        var formats = new ObjectMapper()
                .readTree("[{\"name\":\"JPEG\",\"extensions\":[\"jpg\"],\"notes\":\"HEIC photos are refused\"},"
                        + "{\"name\":\"HEIF\",\"extensions\":[\"HEIC\",\"heif\"]}]");
        assertTrue(LoadSetup.readsExtension(formats, "heic"));
        assertFalse(LoadSetup.readsExtension(formats, "avif"), "a note naming a format is not the format");
    }
}
