package dev.wharf.storage;

import dev.wharf.storage.inmemory.InMemoryStorageDriver;

import java.nio.file.Path;

/** The decorator keeps the driver contract (answers, failures, their types) of the driver it wraps. */
class CoalescedReadsContractTest extends StorageDriverContractTest {
    @Override
    protected StorageDriver newDriver(Path tempDir) {
        return new CoalescedReads(new InMemoryStorageDriver());
    }
}
