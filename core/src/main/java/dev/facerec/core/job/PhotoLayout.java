package dev.facerec.core.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How the files of a job's source name their persons, the same for a ZIP archive and an S3 prefix: a folder per person
 * (the photo's folder is the person's name; folders above it are ignored), or a {@value #MANIFEST} at the root with
 * lines {@code name,externalId,file}. Files that are neither photos nor the manifest are skipped.
 */
final class PhotoLayout {
    static final String MANIFEST = "manifest.csv";
    private static final Set<String> PHOTOS = Set.of("jpg", "jpeg", "png", "webp", "bmp", "gif");

    private PhotoLayout() {}

    static boolean isPhoto(String path) {
        return PHOTOS.contains(extension(path));
    }

    /**
     * The photos among {@code files} (paths relative to the source's root, folders left out), in their order, or in
     * the manifest's order when {@code files} holds one.
     *
     * @param manifest reads the manifest's text; called only when there is one
     * @throws dev.facerec.core.FaceException {@code INVALID_REQUEST}: {@code manifest} for a bad manifest line,
     *     {@code no_folder} for a photo outside any folder without a manifest
     */
    static List<ArchiveItem> items(List<String> files, Supplier<String> manifest, SourceRefusals refusals) {
        Set<String> photos = new HashSet<>();
        boolean hasManifest = false;
        List<ArchiveItem> byFolder = new ArrayList<>();
        for (String file : files) {
            if (file.equals(MANIFEST)) {
                hasManifest = true;
            } else if (isPhoto(file)) {
                photos.add(file);
                int slash = file.lastIndexOf('/');
                if (slash > 0) {
                    String folder = file.substring(0, slash);
                    byFolder.add(new ArchiveItem(file, folder.substring(folder.lastIndexOf('/') + 1), null));
                }
            }
        }
        if (hasManifest) {
            return Manifest.parse(manifest.get(), photos, refusals);
        }
        if (byFolder.size() != photos.size()) {
            throw refusals.invalid(
                    "no_folder",
                    "Put each person's photos in a folder named after the person, or add a " + MANIFEST
                            + " (name,externalId,file) at the root of " + refusals.name() + ".");
        }
        return byFolder;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot < name.lastIndexOf('/')
                ? ""
                : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
