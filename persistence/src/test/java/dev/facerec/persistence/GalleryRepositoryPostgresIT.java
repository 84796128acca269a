package dev.facerec.persistence;

import java.nio.file.Path;

class GalleryRepositoryPostgresIT extends GalleryRepositoryContractTest {
    @Override
    TestDatabase openDatabase(Path temporaryDirectory) {
        return PostgresTestDatabase.create();
    }
}
