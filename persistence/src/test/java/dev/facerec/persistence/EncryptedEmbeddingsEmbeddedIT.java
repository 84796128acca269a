package dev.facerec.persistence;

import java.nio.file.Path;

class EncryptedEmbeddingsEmbeddedIT extends EncryptedEmbeddingsContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return new EmbeddedTestDatabase(temporaryDirectory);
    }
}
