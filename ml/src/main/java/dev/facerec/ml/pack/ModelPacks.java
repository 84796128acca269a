package dev.facerec.ml.pack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue of model packs: the built-in manifests plus any {@code *.pack.json} in the models directory (a file
 * there with the id of a built-in pack replaces it, which is how an operator recalibrates thresholds). A fused
 * recognizer's members are checked once the catalogue is complete, so an operator's fusion may name an operator's
 * pack.
 */
public final class ModelPacks {
    private static final List<String> BUILT_IN =
            List.of("yunet-2026may", "yunet-2023mar", "faceplugin-512", "mobilefacenet-128", "fusion-640");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path modelsDirectory;
    private final Map<String, ModelPack> packs;

    private ModelPacks(Path modelsDirectory, Map<String, ModelPack> packs) {
        this.modelsDirectory = modelsDirectory;
        this.packs = packs;
    }

    /** Reads the built-in manifests and those in {@code modelsDirectory}. */
    public static ModelPacks load(Path modelsDirectory) {
        requireNonNull(modelsDirectory, "modelsDirectory is null");
        Map<String, ModelPack> packs = new LinkedHashMap<>();
        for (String id : BUILT_IN) {
            String resource = id + ".pack.json";
            try (InputStream in = ModelPacks.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in manifest missing from the jar: " + resource);
                }
                ModelPack pack = JSON.readValue(in, ModelPack.class);
                packs.put(pack.id(), pack);
            } catch (IOException | JacksonException e) {
                throw new IllegalStateException("built-in manifest " + resource + " is invalid", e);
            }
        }
        if (Files.isDirectory(modelsDirectory)) {
            try (DirectoryStream<Path> extra = Files.newDirectoryStream(modelsDirectory, "*.pack.json")) {
                for (Path file : extra) {
                    ModelPack pack = read(file);
                    packs.put(pack.id(), pack);
                }
            } catch (IOException e) {
                throw new ModelPackException("Cannot list the models directory " + modelsDirectory, e);
            }
        }
        packs.values().stream().filter(ModelPack::fused).forEach(fused -> checkMembers(fused, packs));
        return new ModelPacks(modelsDirectory, Map.copyOf(packs));
    }

    /** Every member is a recognizer with a model file of its own, and their sizes add up to the fused pack's. */
    private static void checkMembers(ModelPack fused, Map<String, ModelPack> packs) {
        int size = 0;
        for (ModelPack.Member member : fused.members()) {
            ModelPack pack = packs.get(member.pack());
            if (pack == null || pack.kind() != ModelPack.Kind.RECOGNIZER || pack.fused()) {
                throw new ModelPackException("Fused recognizer pack " + fused.id() + " names " + member.pack()
                        + ", which is not a recognizer pack with a model file of its own");
            }
            size += pack.embeddingSize();
        }
        if (size != fused.embeddingSize()) {
            throw new ModelPackException("Fused recognizer pack " + fused.id() + " declares embeddingSize "
                    + fused.embeddingSize() + ", but its members' embeddings add up to " + size);
        }
    }

    private static ModelPack read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ModelPack.class);
        } catch (JacksonException e) {
            throw new ModelPackException("Model pack manifest " + file + " is invalid: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The pack with this id and kind.
     *
     * @throws ModelPackException if there is none, listing the ids that exist
     */
    public ModelPack get(String id, ModelPack.Kind kind) {
        ModelPack pack = packs.get(id);
        if (pack == null || pack.kind() != kind) {
            List<String> known = packs.values().stream()
                    .filter(p -> p.kind() == kind)
                    .map(ModelPack::id)
                    .sorted()
                    .toList();
            throw new ModelPackException("No " + kind.name().toLowerCase(java.util.Locale.ROOT) + " pack named '" + id
                    + "'. Known: " + known + ". Add a " + id + ".pack.json to " + modelsDirectory + " to define it.");
        }
        return pack;
    }

    /**
     * The packs that run for {@code pack}: its members when it is a fused recognizer (in the order of their parts of
     * its embedding), else the pack itself. Each has a model file of its own.
     */
    public List<ModelPack> models(ModelPack pack) {
        requireNonNull(pack, "pack is null");
        if (!pack.fused()) {
            return List.of(pack);
        }
        return pack.members().stream()
                .map(member -> get(member.pack(), ModelPack.Kind.RECOGNIZER))
                .toList();
    }

    /**
     * Reads the pack's model file after checking its SHA-256.
     *
     * @throws ModelPackException naming the path and the expected digest if the file is missing or differs
     * @throws IllegalArgumentException for a fused recognizer, which has no file of its own (see {@link #models})
     */
    public byte[] verifiedModel(ModelPack pack) {
        if (pack.fused()) {
            throw new IllegalArgumentException("fused pack " + pack.id() + " has no model file; verify its members'");
        }
        return ModelFileVerifier.read(modelsDirectory.resolve(pack.file()), pack);
    }

    public Path modelsDirectory() {
        return modelsDirectory;
    }
}
