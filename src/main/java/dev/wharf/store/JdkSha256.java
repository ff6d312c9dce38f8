package dev.wharf.store;

import org.jboss.logging.Logger;

import java.lang.reflect.Field;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The JDK's own SHA-256 ({@code MessageDigest} of the {@code SUN} provider), whose compression runs as a CPU
 * intrinsic (SHA-NI, AVX2) several times faster than pure Java, with its running state read and written so that it
 * can be saved in distribution's hash-state format.
 *
 * <p>The state lives in private fields of {@code sun.security.provider.DigestBase}/{@code SHA2} behind the
 * {@code MessageDigest}. The module system forbids reflective access to them without {@code --add-opens}, and Quarkus
 * rewrites the runner jar's {@code Add-Opens} manifest entry, so the fields are reached through
 * {@code sun.misc.Unsafe} (module {@code jdk.unsupported}) by their offsets. A self-test at class initialisation moves
 * a state between two digests and checks the result; if anything differs (another JDK's internals, a native image),
 * {@link #AVAILABLE} is false and {@link Sha256State} hashes in pure Java: slower, never wrong.
 */
@SuppressWarnings({"removal", "sunapi"})
final class JdkSha256 {
    private static final Logger LOG = Logger.getLogger(JdkSha256.class);

    static final boolean AVAILABLE;
    private static final sun.misc.Unsafe UNSAFE;
    private static final long SPI;
    private static final long STATE;
    private static final long BUFFER;
    private static final long BUFFER_OFFSET;
    private static final long BYTES_PROCESSED;

    static {
        sun.misc.Unsafe unsafe = null;
        long spi = -1;
        long state = -1;
        long buffer = -1;
        long bufferOffset = -1;
        long bytesProcessed = -1;
        boolean available = false;
        try {
            Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            MessageDigest probe = newDigestOrNull();
            if (probe != null) {
                spi = unsafe.objectFieldOffset(field(probe.getClass(), "digestSpi"));
                Class<?> engine = unsafe.getObject(probe, spi).getClass();
                if ("sun.security.provider.SHA2$SHA256".equals(engine.getName())) {
                    state = unsafe.objectFieldOffset(field(engine, "state"));
                    buffer = unsafe.objectFieldOffset(field(engine, "buffer"));
                    bufferOffset = unsafe.objectFieldOffset(field(engine, "bufOfs"));
                    bytesProcessed = unsafe.objectFieldOffset(field(engine, "bytesProcessed"));
                    available = true;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debugf("JDK SHA-256 state not reachable: %s", e);
        }
        UNSAFE = unsafe;
        SPI = spi;
        STATE = state;
        BUFFER = buffer;
        BUFFER_OFFSET = bufferOffset;
        BYTES_PROCESSED = bytesProcessed;
        AVAILABLE = available && selfTest();
        if (!AVAILABLE) {
            LOG.info("the JDK's SHA-256 state is not reachable on this JVM: chunked uploads hash in pure Java");
        }
    }

    private JdkSha256() {
    }

    static MessageDigest newDigest() {
        MessageDigest digest = newDigestOrNull();
        if (digest == null) {
            throw new IllegalStateException("no SHA-256 in the SUN provider");
        }
        return digest;
    }

    /** The digest of what was hashed so far; the digest itself is left as it was. */
    static byte[] digest(MessageDigest digest) {
        return copy(digest).digest();
    }

    static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the eight state words into {@code h} and the buffered bytes into {@code block}; returns the length. */
    static long export(MessageDigest digest, int[] h, byte[] block) {
        Object engine = UNSAFE.getObject(digest, SPI);
        System.arraycopy((int[]) UNSAFE.getObject(engine, STATE), 0, h, 0, 8);
        int buffered = UNSAFE.getInt(engine, BUFFER_OFFSET);
        System.arraycopy((byte[]) UNSAFE.getObject(engine, BUFFER), 0, block, 0, buffered);
        return UNSAFE.getLong(engine, BYTES_PROCESSED);
    }

    /** A new digest continuing from the state words, the buffered bytes ({@code length % 64} of them) and length. */
    static MessageDigest restore(int[] h, byte[] block, long length) {
        MessageDigest digest = newDigest();
        Object engine = UNSAFE.getObject(digest, SPI);
        System.arraycopy(h, 0, (int[]) UNSAFE.getObject(engine, STATE), 0, 8);
        int buffered = (int) (length % 64);
        System.arraycopy(block, 0, (byte[]) UNSAFE.getObject(engine, BUFFER), 0, buffered);
        UNSAFE.putInt(engine, BUFFER_OFFSET, buffered);
        UNSAFE.putLong(engine, BYTES_PROCESSED, length);
        return digest;
    }

    private static MessageDigest newDigestOrNull() {
        try {
            return MessageDigest.getInstance("SHA-256", "SUN");
        } catch (java.security.GeneralSecurityException e) {
            return null;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** Checks that the fields mean what this class assumes: a state moved to a fresh digest hashes on the same. */
    private static boolean selfTest() {
        if (UNSAFE == null || BYTES_PROCESSED < 0) {
            return false;
        }
        try {
            byte[] input = new byte[200];
            for (int i = 0; i < input.length; i++) {
                input[i] = (byte) (i * 31 + 7);
            }
            MessageDigest first = newDigest();
            first.update(input, 0, 131);
            int[] h = new int[8];
            byte[] block = new byte[64];
            if (export(first, h, block) != 131) {
                return false;
            }
            MessageDigest second = restore(h, block, 131);
            second.update(input, 131, input.length - 131);
            return Arrays.equals(newDigest().digest(input), second.digest());
        } catch (RuntimeException e) {
            LOG.debugf("JDK SHA-256 self-test failed: %s", e);
            return false;
        }
    }
}
