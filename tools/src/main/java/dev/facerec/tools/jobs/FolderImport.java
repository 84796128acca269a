package dev.facerec.tools.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code make import DIR=<folder of person folders> GALLERY=<gallery id>}: zips the folder while it uploads it (photos
 * stored, not compressed: they are compressed already) to the jobs API, then shows the job's progress until it ends
 * and prints its counts and photos per second. The API key comes from {@code FACEREC_API_KEY}.
 */
public final class FolderImport {
    private static final String BOUNDARY = "facerec-import-" + UUID.randomUUID();
    private static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*(-?[0-9.]+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private FolderImport() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println(
                    "usage: FolderImport <folder> <gallery id> <service URL>; FACEREC_API_KEY in the environment");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        String gallery = args[1];
        String base = args[2].replaceAll("/+$", "");
        String key = System.getenv("FACEREC_API_KEY");
        if (key == null || key.isBlank()) {
            System.err.println("Set FACEREC_API_KEY to an OPERATOR key.");
            System.exit(2);
        }
        List<Path> photos = photos(folder);
        System.err.printf("Uploading %d photos from %s%n", photos.size(), folder);
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        long start = System.nanoTime();
        HttpResponse<String> created = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/enrollments"))
                        .header("X-API-Key", key)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body(gallery, folder, photos)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 202) {
            System.err.println("The service refused the archive: HTTP " + created.statusCode() + " " + created.body());
            System.exit(1);
        }
        String id = text(created.body(), "id");
        System.err.printf("Job %s queued after %.1f s of upload%n", id, (System.nanoTime() - start) / 1e9);
        String job = follow(client, base, key, id);
        System.err.println();
        System.out.printf(
                Locale.ROOT,
                "state=%s total=%d enrolled=%d refused=%d duplicate=%d photos/s=%s%n",
                text(job, "state"),
                (long) number(job, "total"),
                (long) number(job, "enrolled"),
                (long) number(job, "refused"),
                (long) number(job, "duplicate"),
                job.contains("\"photosPerSecond\":null") ? "n/a" : String.valueOf(number(job, "photosPerSecond")));
        System.out.println("Per-photo outcomes: GET " + base + "/api/v1/jobs/" + id + "/items");
        System.exit("SUCCEEDED".equals(text(job, "state")) ? 0 : 1);
    }

    private static String follow(HttpClient client, String base, String key, String id) throws Exception {
        while (true) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + id))
                            .header("X-API-Key", key)
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String job = answer.body();
            if (answer.statusCode() != 200) {
                throw new IOException("HTTP " + answer.statusCode() + " " + job);
            }
            long total = Math.max((long) number(job, "total"), 1);
            long processed = (long) number(job, "processed");
            int width = 40;
            int filled = (int) (width * processed / total);
            System.err.printf(
                    Locale.ROOT,
                    "\r[%s%s] %d/%d %s%s",
                    "#".repeat(filled),
                    " ".repeat(width - filled),
                    processed,
                    total,
                    text(job, "state"),
                    job.contains("\"etaSeconds\":null") ? "" : " ETA " + (long) number(job, "etaSeconds") + " s");
            if (!List.of("QUEUED", "RUNNING").contains(text(job, "state"))) {
                return job;
            }
            Thread.sleep(1000);
        }
    }

    private static List<Path> photos(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName()
                            .toString()
                            .toLowerCase(Locale.ROOT)
                            .matches(".*\\.(jpe?g|png|webp|bmp|gif)"))
                    .sorted()
                    .toList();
        }
    }

    /** The multipart body, with the archive written into a pipe by a thread of its own as the upload reads it. */
    private static InputStream body(String gallery, Path folder, List<Path> photos) {
        try {
            PipedInputStream archive = new PipedInputStream(1 << 20);
            PipedOutputStream sink = new PipedOutputStream(archive);
            Thread.ofVirtual().name("zip").start(() -> zip(folder, photos, sink));
            String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"galleryId\"\r\n\r\n" + gallery
                    + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"archive\";"
                    + " filename=\"photos.zip\"\r\nContent-Type: application/zip\r\n\r\n";
            String tail = "\r\n--" + BOUNDARY + "--\r\n";
            return new SequenceInputStream(Collections.enumeration(List.of(
                    new java.io.ByteArrayInputStream(head.getBytes(UTF_8)),
                    archive,
                    new java.io.ByteArrayInputStream(tail.getBytes(UTF_8)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void zip(Path folder, List<Path> photos, PipedOutputStream sink) {
        try (ZipOutputStream zip = new ZipOutputStream(sink)) {
            for (Path photo : photos) {
                byte[] bytes = Files.readAllBytes(photo);
                ZipEntry entry =
                        new ZipEntry(folder.relativize(photo).toString().replace('\\', '/'));
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        } catch (IOException e) {
            System.err.println("Zipping stopped: " + e.getMessage());
        }
    }

    private static String text(String json, String field) {
        Matcher matcher =
                Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static double number(String json, String field) {
        Matcher matcher =
                Pattern.compile(String.format(NUMBER.pattern(), field)).matcher(json);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
