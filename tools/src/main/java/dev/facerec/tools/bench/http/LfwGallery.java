package dev.facerec.tools.bench.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A gallery of LFW people enrolled through the API: the first photo of each of up to {@code limit} people with at
 * least two photos (by name), with each enrolled person's second photo kept as a query.
 *
 * @param id the gallery id
 * @param attempted people tried
 * @param probes the second photo of each person whose first photo was enrolled
 * @param seconds how long the enrolment took
 */
record LfwGallery(String id, int attempted, List<byte[]> probes, double seconds) {
    int enrolled() {
        return probes.size();
    }

    static LfwGallery enrol(ServiceClient http, Path images, int limit) throws IOException, InterruptedException {
        List<Path[]> pairs = pairs(images, limit);
        String gallery = Answers.json(http.postJson("/api/v1/galleries", "{\"name\":\"bench\"}"), 201)
                .path("id")
                .asString();
        List<byte[]> probes = new ArrayList<>();
        long started = System.nanoTime();
        for (Path[] pair : pairs) {
            String name = pair[0].getParent().getFileName().toString();
            String person = Answers.json(
                            http.postJson(
                                    "/api/v1/persons", "{\"name\":\"" + name + "\",\"galleryId\":\"" + gallery + "\"}"),
                            201)
                    .path("id")
                    .asString();
            HttpResponse<String> face =
                    http.postImage("/api/v1/persons/" + person + "/faces", Files.readAllBytes(pair[0]));
            if (face.statusCode() == 201) {
                probes.add(Files.readAllBytes(pair[1]));
            }
        }
        return new LfwGallery(gallery, pairs.size(), List.copyOf(probes), (System.nanoTime() - started) / 1e9);
    }

    /** The first two photos of each person with at least two, by name, up to {@code limit} people. */
    private static List<Path[]> pairs(Path images, int limit) throws IOException {
        List<Path[]> pairs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(images)) {
            for (Path folder : folders.sorted().toList()) {
                if (pairs.size() >= limit) {
                    break;
                }
                try (Stream<Path> photos = Files.list(folder)) {
                    List<Path> sorted = photos.sorted().toList();
                    if (sorted.size() >= 2) {
                        pairs.add(new Path[] {sorted.get(0), sorted.get(1)});
                    }
                }
            }
        }
        return pairs;
    }
}
