package dev.facerec.persistence;

import java.nio.file.Path;

class PersonRepositoryEmbeddedIT extends PersonRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return new EmbeddedTestDatabase(temporaryDirectory);
    }
}
