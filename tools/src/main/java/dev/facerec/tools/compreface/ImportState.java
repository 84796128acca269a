package dev.facerec.tools.compreface;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The import's record of what is done, so that a rerun continues where the last one stopped: one line per event,
 * appended and forced to disk before the import moves on, so a crash loses at most the line being written (a
 * torn last line is cut off on opening; the upload it stood for is sent again with the same Idempotency-Key and
 * answered with the first face).
 *
 * <p>Lines are tab-separated: a header {@code facerec-compreface-import 1 <source URL> <gallery id>}, then
 * {@code person <person id> <subject>}, {@code imported <image id> <face id> <subject>}, {@code skipped <image id>
 * <reason>} and {@code failed <image id> <reason>}. Only {@code imported} and {@code person} lines are trusted on a
 * rerun; skipped and failed images are tried again.
 */
final class ImportState implements AutoCloseable {
    static final String HEADER = "facerec-compreface-import";
    private static final String VERSION = "1";

    private final Path path;
    private final FileChannel channel;
    private final Map<String, UUID> faces;
    private final Map<String, UUID> persons;

    private ImportState(Path path, FileChannel channel, Map<String, UUID> faces, Map<String, UUID> persons) {
        this.path = path;
        this.channel = channel;
        this.faces = faces;
        this.persons = persons;
    }

    /**
     * Opens the state file, creating it for this source and gallery when it does not exist.
     *
     * @throws ImportFailure the file belongs to another source or gallery, or is not a state file
     */
    static ImportState open(Path path, String sourceUrl, UUID galleryId) throws IOException, ImportFailure {
        requireNonNull(path, "path is null");
        Map<String, UUID> faces = new HashMap<>();
        Map<String, UUID> persons = new HashMap<>();
        String header = String.join("\t", HEADER, VERSION, sourceUrl, galleryId.toString());
        boolean fresh = !Files.exists(path) || Files.size(path) == 0;
        if (!fresh) {
            read(path, header, faces, persons);
        } else if (path.toAbsolutePath().getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        FileChannel channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        ImportState state = new ImportState(path, channel, faces, persons);
        if (fresh) {
            state.append(header);
        }
        return state;
    }

    private static void read(Path path, String header, Map<String, UUID> faces, Map<String, UUID> persons)
            throws IOException, ImportFailure {
        byte[] bytes = Files.readAllBytes(path);
        int whole = bytes.length;
        while (whole > 0 && bytes[whole - 1] != '\n') {
            whole--;
        }
        if (whole < bytes.length) {
            // The last line was torn by a crash while it was written: cut it off, so that no half of it is read.
            try (FileChannel writer = FileChannel.open(path, StandardOpenOption.WRITE)) {
                writer.truncate(whole);
            }
        }
        List<String> lines = new String(bytes, 0, whole, UTF_8).lines().toList();
        if (lines.isEmpty() || !lines.getFirst().equals(header)) {
            throw new ImportFailure(path + " is the state of another import ("
                    + (lines.isEmpty() ? "no header" : lines.getFirst().replace('\t', ' '))
                    + "); give this import its own STATE file");
        }
        for (int number = 2; number <= lines.size(); number++) {
            String[] fields = lines.get(number - 1).split("\t", -1);
            try {
                switch (fields[0]) {
                    case "imported" -> faces.put(fields[1], UUID.fromString(fields[2]));
                    case "person" -> persons.put(key(fields[2]), UUID.fromString(fields[1]));
                    case "skipped", "failed" -> {
                        // tried again
                    }
                    default -> throw new IllegalArgumentException("unknown line");
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new ImportFailure(path + " line " + number + " is not a state line: " + e.getMessage());
            }
        }
    }

    /** The face an earlier run made of this image, if any. */
    Optional<UUID> face(String imageId) {
        return Optional.ofNullable(faces.get(imageId));
    }

    int importedCount() {
        return faces.size();
    }

    /** The person an earlier run found or made for this subject, if any. */
    Optional<UUID> person(String subject) {
        return Optional.ofNullable(persons.get(key(subject)));
    }

    void personResolved(String subject, UUID personId) throws IOException {
        persons.put(key(subject), personId);
        append(String.join("\t", "person", personId.toString(), clean(subject)));
    }

    /** An earlier run's person is gone (erased in facerec since): the next lookup finds or creates it again. */
    void forgetPerson(String subject) {
        persons.remove(key(subject));
    }

    void imported(String imageId, UUID faceId, String subject) throws IOException {
        faces.put(imageId, faceId);
        append(String.join("\t", "imported", clean(imageId), faceId.toString(), clean(subject)));
    }

    void skipped(String imageId, String reason) throws IOException {
        append(String.join("\t", "skipped", clean(imageId), clean(reason)));
    }

    void failed(String imageId, String reason) throws IOException {
        append(String.join("\t", "failed", clean(imageId), clean(reason)));
    }

    Path path() {
        return path;
    }

    private void append(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    /** Subjects compare as CompreFace compares them: regardless of case. */
    private static String key(String subject) {
        return subject.strip().toLowerCase(Locale.ROOT);
    }

    /** Tabs and line breaks would split a line: a subject or a reason never carries them into the file. */
    private static String clean(String value) {
        return value.replaceAll("[\\t\\r\\n]", " ");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
