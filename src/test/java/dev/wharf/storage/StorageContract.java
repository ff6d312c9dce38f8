package dev.wharf.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The driver under test, as the contract's test interfaces see it, and the helpers they all read and write it with.
 * {@link StorageDriverContractTest} implements every contract interface and hands each test a fresh driver.
 */
interface StorageContract {
    int MiB = 1024 * 1024;

    /** The driver under test: a new, empty one for each test. */
    StorageDriver driver();

    default byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    default String text(String path) throws IOException {
        return new String(driver().getContent(path), StandardCharsets.UTF_8);
    }

    default String read(String path, long offset) throws IOException {
        try (InputStream in = driver().reader(path, offset)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    default void write(FileWriter writer, String text) throws IOException {
        writer.write(ByteBuffer.wrap(bytes(text)));
    }

    default byte[] randomBytes(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }
}
