package dev.wharf.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The {@link StorageDriver} contract, run against every backend by a few-line subclass. It asserts exactly what the
 * SPI's Javadoc promises and nothing a backend without real directories (in-memory, S3) could not keep: in
 * particular, whether an emptied directory still exists is left open, because the filesystem keeps it. The tests
 * live in one interface per concern ({@link NamespaceContract}, {@link ContentContract}, {@link WriterContract},
 * {@link MoveDeleteContract}, {@link LargeObjectContract}, {@link ConcurrencyContract}); this class runs them all,
 * each on a new driver.
 */
public abstract class StorageDriverContractTest implements NamespaceContract, ContentContract, WriterContract,
        MoveDeleteContract, LargeObjectContract, ConcurrencyContract {
    @TempDir
    protected Path tempDir;

    protected StorageDriver driver;

    /** A new, empty driver; {@code tempDir} is a fresh directory the backend may use. */
    protected abstract StorageDriver newDriver(Path tempDir) throws Exception;

    @BeforeEach
    void createDriver() throws Exception {
        driver = newDriver(tempDir);
    }

    @Override
    public StorageDriver driver() {
        return driver;
    }
}
