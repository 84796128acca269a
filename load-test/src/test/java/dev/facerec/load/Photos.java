package dev.facerec.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The photos the load test sends, read from the shared data: LFW 250x250 crops, phone-size JPEGs and, when the service
 * reads them, HEIC and AVIF photos.
 *
 * <p>Every upload is made unique ({@link #unique}) without changing what it shows: the service remembers the faces of
 * a query image by its SHA-256 (the embedding cache), and a load test that repeats a handful of photos would measure
 * that cache instead of decoding, detection and embedding. Photos that people send are all different.
 */
final class Photos {
    /** Phone photos: 12-14 MP; the range leaves out the 4 MP snapshot and the 34 MP group photo beside them. */
    private static final long PHONE_MIN_PIXELS = 8_000_000;

    private static final long PHONE_MAX_PIXELS = 20_000_000;
    private static final byte[] JPEG_TRAILER_TAG = "facerec-load".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicLong UPLOADS = new AtomicLong();

    /** A gallery person: the face enrolled, and another photo of the same person to verify or identify with. */
    record Person(String id, String name, Path enrolled, Path probe) {}

    /** Two LFW photos of the standard verification pairs. */
    record Pair(Path left, Path right, boolean same) {}

    private final List<Path> lfw;
    private final List<Path> strangers;
    private final List<Pair> pairs;
    private final List<Person> persons;
    private final List<Path> phoneJpegs;
    private final List<Path> heifs;

    private Photos(
            List<Path> lfw,
            List<Path> strangers,
            List<Pair> pairs,
            List<Person> persons,
            List<Path> phoneJpegs,
            List<Path> heifs) {
        this.lfw = nonEmpty(lfw, "LFW photos");
        this.strangers = nonEmpty(strangers, "LFW photos of people outside the gallery");
        this.pairs = nonEmpty(pairs, "LFW pairs");
        this.persons = nonEmpty(persons, "gallery persons (persons.csv)");
        this.phoneJpegs = nonEmpty(phoneJpegs, "phone-size JPEGs");
        this.heifs = heifs;
    }

    static Photos load(LoadSettings settings) {
        Path lfwDir = settings.sharedData().resolve("lfw-dev");
        List<Person> persons = readPersons(settings.runDir().resolve(LoadSettings.PERSONS_FILE));
        Set<String> galleryNames = new HashSet<>();
        persons.forEach(person -> galleryNames.add(person.name()));
        List<Path> lfw = list(lfwDir.resolve("images"), ".jpg");
        List<Path> strangers = lfw.stream()
                .filter(photo ->
                        !galleryNames.contains(photo.getParent().getFileName().toString()))
                .toList();
        List<Path> phone = phoneJpegs(settings.sharedData());
        List<Path> heifs = heifs(settings.sharedData(), settings.heic(), settings.avif());
        return new Photos(lfw, strangers, readPairs(lfwDir), persons, phone, heifs);
    }

    /** The 12-14 MP JPEGs of the shared detection photos. */
    static List<Path> phoneJpegs(Path sharedData) {
        return list(sharedData.resolve("detection/large"), ".jpg").stream()
                .filter(photo -> {
                    long pixels = pixels(photo);
                    return pixels >= PHONE_MIN_PIXELS && pixels <= PHONE_MAX_PIXELS;
                })
                .toList();
    }

    /** The HEIC and AVIF photos (as far as the service reads them), without the hostile files beside them. */
    static List<Path> heifs(Path sharedData, boolean heic, boolean avif) {
        List<Path> heifs = new ArrayList<>();
        Path heifDir = sharedData.resolve("heic-avif");
        if (heic) {
            heifs.addAll(usableHeifs(heifDir, ".heic"));
        }
        if (avif) {
            heifs.addAll(usableHeifs(heifDir, ".avif"));
        }
        return List.copyOf(heifs);
    }

    Path anyLfw() {
        return pick(lfw);
    }

    /** An LFW photo of someone not in the gallery: identification should find nobody, enrolment a new person. */
    Path stranger() {
        return pick(strangers);
    }

    Pair pair() {
        return pick(pairs);
    }

    Person person() {
        return pick(persons);
    }

    Path phoneJpeg() {
        return pick(phoneJpegs);
    }

    boolean hasHeifs() {
        return !heifs.isEmpty();
    }

    Path heif() {
        return pick(heifs);
    }

    int phoneJpegCount() {
        return phoneJpegs.size();
    }

    int heifCount() {
        return heifs.size();
    }

    /** The photo's bytes, unique to this upload (see the class comment). */
    static byte[] upload(Path photo) {
        try {
            return unique(Files.readAllBytes(photo), photo.getFileName().toString(), UPLOADS.incrementAndGet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The photo with {@code number} appended where decoders do not look: after a JPEG's end-of-image marker (as a
     * phone's appended motion photo), or as a top-level {@code free} box at the end of a HEIF file (ISO/IEC 14496-12
     * lets readers skip it).
     */
    static byte[] unique(byte[] photo, String fileName, long number) {
        String name = fileName.toLowerCase(Locale.ROOT);
        boolean heif = name.endsWith(".heic") || name.endsWith(".avif");
        ByteBuffer out = ByteBuffer.allocate(photo.length + (heif ? 16 : JPEG_TRAILER_TAG.length + 8));
        out.put(photo);
        if (heif) {
            out.putInt(16).put("free".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.put(JPEG_TRAILER_TAG);
        }
        out.putLong(number);
        return out.array();
    }

    static String mediaType(Path photo) {
        String name = photo.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".heic")) {
            return "image/heic";
        }
        return name.endsWith(".avif") ? "image/avif" : "image/jpeg";
    }

    private static <T> T pick(List<T> items) {
        return items.get(ThreadLocalRandom.current().nextInt(items.size()));
    }

    private static <T> List<T> nonEmpty(List<T> items, String what) {
        if (items.isEmpty()) {
            throw new IllegalStateException("no " + what + " found");
        }
        return List.copyOf(items);
    }

    private static List<Path> usableHeifs(Path dir, String extension) {
        // bad_*: the hostile files beside them (a truncated file, a pixel bomb), refused by design.
        return list(dir, extension).stream()
                .filter(photo -> !photo.getFileName().toString().startsWith("bad_"))
                .toList();
    }

    private static List<Path> list(Path dir, String extension) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.getFileName()
                            .toString()
                            .toLowerCase(Locale.ROOT)
                            .endsWith(extension))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Width times height from the header, without decoding the pixels. */
    private static long pixels(Path photo) {
        try (ImageInputStream in = ImageIO.createImageInputStream(photo.toFile())) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + photo, e);
        }
    }

    private static List<Pair> readPairs(Path lfwDir) {
        // fold,same,left,right with paths relative to the LFW folder
        return csvRows(lfwDir.resolve("pairs.csv")).stream()
                .map(row -> new Pair(lfwDir.resolve(row[2]), lfwDir.resolve(row[3]), row[1].equals("1")))
                .toList();
    }

    private static List<Person> readPersons(Path file) {
        // id,name,enrolled,probe as LoadSetup writes them
        return csvRows(file).stream()
                .map(row -> new Person(row[0], row[1], Path.of(row[2]), Path.of(row[3])))
                .toList();
    }

    private static List<String[]> csvRows(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream()
                    .skip(1)
                    .filter(line -> !line.isBlank())
                    .map(line -> line.split(",", -1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
