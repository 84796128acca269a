package dev.facerec.persistence;

import java.nio.file.Path;

class FaceRepositoryEmbeddedIT extends FaceRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return new EmbeddedTestDatabase(temporaryDirectory);
    }
}
