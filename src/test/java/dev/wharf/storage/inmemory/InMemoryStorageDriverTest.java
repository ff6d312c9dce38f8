package dev.wharf.storage.inmemory;

import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StorageDriverContractTest;

import java.nio.file.Path;

class InMemoryStorageDriverTest extends StorageDriverContractTest {
    @Override
    protected StorageDriver newDriver(Path tempDir) {
        return new InMemoryStorageDriver();
    }
}
