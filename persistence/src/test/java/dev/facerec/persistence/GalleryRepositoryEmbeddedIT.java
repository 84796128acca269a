package dev.facerec.persistence;

import java.nio.file.Path;

class GalleryRepositoryEmbeddedIT extends GalleryRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return new EmbeddedTestDatabase(temporaryDirectory);
    }
}
