package dev.wharf.store;

import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running digest of each upload, so that completing an upload never re-reads its data. States are kept in memory
 * (bounded, least recently used first out); a state that is missing or stale (another process wrote the upload, or
 * this one restarted) is rebuilt by hashing the stored bytes once.
 */
final class UploadHashes {
    private static final int MAX_STATES = 4096;
    private static final int BUFFER = 256 * 1024;

    private record State(long offset, MessageDigest digest) {
    }

    private final Map<String, State> states = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_STATES;
        }
    };

    /**
     * A digest holding the hash of the first {@code offset} bytes of the object at {@code dataPath}. The caller owns
     * the returned instance.
     */
    MessageDigest resume(StorageDriver driver, String key, String dataPath, long offset, String jcaAlgorithm)
            throws IOException {
        State state;
        synchronized (states) {
            state = states.get(key);
        }
        if (state != null && state.offset() == offset && state.digest().getAlgorithm().equals(jcaAlgorithm)) {
            try {
                return (MessageDigest) state.digest().clone();
            } catch (CloneNotSupportedException e) {
                // fall through to rehash
            }
        }
        return rehash(driver, dataPath, offset, jcaAlgorithm);
    }

    void save(String key, long offset, MessageDigest digest) {
        synchronized (states) {
            states.put(key, new State(offset, digest));
        }
    }

    void forget(String key) {
        synchronized (states) {
            states.remove(key);
        }
    }

    static MessageDigest newDigest(String jcaAlgorithm) {
        try {
            return MessageDigest.getInstance(jcaAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest rehash(StorageDriver driver, String dataPath, long length, String jcaAlgorithm)
            throws IOException {
        MessageDigest digest = newDigest(jcaAlgorithm);
        if (length == 0) {
            return digest;
        }
        byte[] buffer = new byte[BUFFER];
        long remaining = length;
        try (InputStream in = driver.reader(dataPath, 0)) {
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("upload data shorter than " + length + ": " + dataPath);
                }
                digest.update(buffer, 0, n);
                remaining -= n;
            }
        }
        return digest;
    }
}
