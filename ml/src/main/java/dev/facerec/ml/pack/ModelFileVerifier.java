package dev.facerec.ml.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a model file and refuses it unless its SHA-256 is the one its manifest declares. */
final class ModelFileVerifier {
    private ModelFileVerifier() {}

    static byte[] read(Path path, ModelPack pack) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ModelPackException("Model file " + path.toAbsolutePath() + " of pack " + pack.id()
                    + " is missing (expected SHA-256 " + pack.sha256() + "). Run 'make models' or set"
                    + " FACE_MODELS_DIR to the folder that holds it. Source: " + pack.source());
        } catch (IOException e) {
            throw new ModelPackException("Model file " + path.toAbsolutePath() + " cannot be read", e);
        }
        String actual = sha256(bytes);
        if (!actual.equals(pack.sha256())) {
            throw new ModelPackException("Model file " + path.toAbsolutePath() + " of pack " + pack.id()
                    + " has SHA-256 " + actual + " but the manifest expects " + pack.sha256()
                    + ". The file is corrupt or a different model: fetch it again with 'make models'.");
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
