package dev.facerec.tools.bench.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A ZIP of lfw-dev photos as a bulk enrolment job takes it: a folder per person, photos in name order. */
record LfwArchive(byte[] bytes, int photos) {
    /** The first {@code limit} photos of {@code images} in name order. */
    static LfwArchive of(Path images, int limit) throws IOException {
        List<Path> photos;
        try (Stream<Path> files = Files.walk(images)) {
            photos = files.filter(Files::isRegularFile).sorted().limit(limit).toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path photo : photos) {
                zip.putNextEntry(
                        new ZipEntry(images.relativize(photo).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(photo));
                zip.closeEntry();
            }
        }
        return new LfwArchive(bytes.toByteArray(), photos.size());
    }

    /** Creates a gallery named {@code galleryName} and submits this archive as one job into it; the job's id. */
    String submit(ServiceClient http, String galleryName) throws IOException, InterruptedException {
        String gallery = Answers.json(http.postJson("/api/v1/galleries", "{\"name\":\"" + galleryName + "\"}"), 201)
                .path("id")
                .asString();
        return Answers.json(
                        http.postFile(
                                Duration.ofMinutes(10),
                                "/api/v1/jobs/enrollments",
                                "archive",
                                bytes,
                                "galleryId",
                                gallery),
                        202)
                .path("id")
                .asString();
    }
}
