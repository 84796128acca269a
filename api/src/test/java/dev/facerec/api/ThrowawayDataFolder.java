package dev.facerec.api;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test's service at its own temporary data folder (embedded database and image folder), so runs never
 * share or leave state behind. Each test class declares its own {@code @TempDir} and {@code @DynamicPropertySource}
 * calling this: a declaration inherited by several classes would give them one cached Spring context, still bound
 * to the folder of the first class after JUnit has deleted it.
 */
public final class ThrowawayDataFolder {
    private ThrowawayDataFolder() {}

    public static void register(DynamicPropertyRegistry registry, Path folder) {
        registry.add("facerec.data-dir", folder::toString);
        registry.add(
                "facerec.database.embedded-directory",
                () -> folder.resolve("db").toString());
    }
}
