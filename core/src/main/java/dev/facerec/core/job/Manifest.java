package dev.facerec.core.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code name,externalId,file} lines of a job source's manifest; a first line naming the columns is skipped. */
final class Manifest {
    private Manifest() {}

    static List<ArchiveItem> parse(String text, Set<String> photos, SourceRefusals refusals) {
        List<ArchiveItem> items = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()
                    || (i == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("name,"))) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 3 || fields[0].isBlank() || fields[2].isBlank()) {
                throw refusals.invalid(
                        "manifest", "Line " + (i + 1) + " of the manifest is not 'name,externalId,file'.");
            }
            String file = fields[2].strip();
            if (!photos.contains(file)) {
                throw refusals.invalid(
                        "manifest",
                        "Line " + (i + 1) + " of the manifest names '" + file + "', no photo in " + refusals.name()
                                + ".");
            }
            items.add(new ArchiveItem(file, fields[0].strip(), fields[1].strip()));
        }
        return items;
    }
}
