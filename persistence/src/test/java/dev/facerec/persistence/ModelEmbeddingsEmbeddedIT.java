package dev.facerec.persistence;

import java.nio.file.Path;

class ModelEmbeddingsEmbeddedIT extends ModelEmbeddingsContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return new EmbeddedTestDatabase(temporaryDirectory);
    }
}
