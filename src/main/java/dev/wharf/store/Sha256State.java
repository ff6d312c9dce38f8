package dev.wharf.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * SHA-256 (FIPS 180-4) whose running state can be saved and restored, which the JDK's {@code MessageDigest} cannot
 * do. {@link #marshal()} writes Go's {@code crypto/sha256} {@code MarshalBinary} format, which is what distribution
 * stores in {@code _uploads/<id>/hashstates/sha256/<offset>}: the magic {@code "sha\x03"}, the eight state words and
 * the 64-byte block buffer (zero padded beyond the buffered bytes), then the length in bytes, all big-endian
 * (108 bytes). States written by either program resume in the other.
 *
 * <p>Hashing runs in the JDK's own engine (intrinsic, SHA-NI) when {@link JdkSha256} may read its state, and in pure
 * Java otherwise (about five times slower). Both write and read the same format. Not thread-safe.
 */
public final class Sha256State {
    public static final int MARSHALED_SIZE = 4 + 32 + 64 + 8;
    private static final byte[] MAGIC = {'s', 'h', 'a', 3};
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int[] IV = {
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    private static final int[] K = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

    private final int[] h = IV.clone();
    private final byte[] block = new byte[64];
    private final int[] w = new int[64];
    private int buffered;
    private long length;
    /** The JDK engine doing the hashing, or null when this state hashes in pure Java. */
    private java.security.MessageDigest engine;

    /** The hash of nothing so far, in the JDK's engine where possible. */
    public Sha256State() {
        this(JdkSha256.AVAILABLE);
    }

    private Sha256State(boolean useJdk) {
        engine = useJdk ? JdkSha256.newDigest() : null;
    }

    /** The hash of nothing so far, always in pure Java (for tests comparing the two). */
    static Sha256State portable() {
        return new Sha256State(false);
    }

    /** True when this state hashes in the JDK's intrinsic engine. */
    boolean usesJdkEngine() {
        return engine != null;
    }

    /** How many bytes have been hashed. */
    public long length() {
        return length;
    }

    public void update(byte[] input, int offset, int count) {
        if (offset < 0 || count < 0 || offset > input.length - count) {
            throw new IndexOutOfBoundsException();
        }
        length += count;
        if (engine != null) {
            engine.update(input, offset, count);
            return;
        }
        if (buffered > 0) {
            int take = Math.min(64 - buffered, count);
            System.arraycopy(input, offset, block, buffered, take);
            buffered += take;
            offset += take;
            count -= take;
            if (buffered < 64) {
                return;
            }
            compress(block, 0);
            buffered = 0;
        }
        while (count >= 64) {
            compress(input, offset);
            offset += 64;
            count -= 64;
        }
        if (count > 0) {
            System.arraycopy(input, offset, block, 0, count);
            buffered = count;
        }
    }

    /** The digest of everything hashed so far; the state is left as it was, so hashing may go on. */
    public byte[] digest() {
        if (engine != null) {
            return JdkSha256.digest(engine);
        }
        Sha256State copy = copy();
        byte[] padding = new byte[(buffered < 56 ? 56 : 120) - buffered + 8];
        padding[0] = (byte) 0x80;
        LONG_BE.set(padding, padding.length - 8, length << 3);
        long saved = copy.length;
        copy.update(padding, 0, padding.length);
        copy.length = saved;
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            INT_BE.set(out, i * 4, copy.h[i]);
        }
        return out;
    }

    public Sha256State copy() {
        if (engine != null) {
            Sha256State copy = new Sha256State(false);
            copy.engine = JdkSha256.copy(engine);
            copy.length = length;
            return copy;
        }
        Sha256State copy = new Sha256State(false);
        System.arraycopy(h, 0, copy.h, 0, 8);
        System.arraycopy(block, 0, copy.block, 0, 64);
        copy.buffered = buffered;
        copy.length = length;
        return copy;
    }

    /** The state in Go's {@code crypto/sha256} {@code MarshalBinary} format. */
    public byte[] marshal() {
        if (engine != null) {
            Sha256State exported = new Sha256State(false);
            exported.length = JdkSha256.export(engine, exported.h, exported.block);
            exported.buffered = (int) (exported.length % 64);
            return exported.marshal();
        }
        byte[] out = new byte[MARSHALED_SIZE];
        System.arraycopy(MAGIC, 0, out, 0, 4);
        for (int i = 0; i < 8; i++) {
            INT_BE.set(out, 4 + i * 4, h[i]);
        }
        System.arraycopy(block, 0, out, 36, buffered);
        LONG_BE.set(out, 100, length);
        return out;
    }

    /**
     * Restores a state written by {@link #marshal()} (or by Go's {@code MarshalBinary}).
     *
     * @throws IllegalArgumentException when the bytes are not a SHA-256 state
     */
    public static Sha256State unmarshal(byte[] state) {
        return unmarshal(state, JdkSha256.AVAILABLE);
    }

    /** {@link #unmarshal(byte[])}, continuing in the JDK's engine or in pure Java as asked. */
    static Sha256State unmarshal(byte[] state, boolean useJdk) {
        if (state.length != MARSHALED_SIZE || !Arrays.equals(state, 0, 4, MAGIC, 0, 4)) {
            throw new IllegalArgumentException("not a marshalled SHA-256 state");
        }
        long length = (long) LONG_BE.get(state, 100);
        if (length < 0) {
            throw new IllegalArgumentException("negative length in SHA-256 state");
        }
        Sha256State restored = new Sha256State(false);
        for (int i = 0; i < 8; i++) {
            restored.h[i] = (int) INT_BE.get(state, 4 + i * 4);
        }
        restored.length = length;
        restored.buffered = (int) (length % 64);
        System.arraycopy(state, 36, restored.block, 0, restored.buffered);
        if (useJdk) {
            restored.engine = JdkSha256.restore(restored.h, restored.block, length);
        }
        return restored;
    }

    private void compress(byte[] in, int offset) {
        int[] w = this.w;
        for (int i = 0; i < 16; i++) {
            w[i] = (int) INT_BE.get(in, offset + i * 4);
        }
        for (int i = 16; i < 64; i++) {
            int x = w[i - 15];
            int y = w[i - 2];
            int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
            int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        int a = h[0];
        int b = h[1];
        int c = h[2];
        int d = h[3];
        int e = h[4];
        int f = h[5];
        int g = h[6];
        int hh = h[7];
        for (int i = 0; i < 64; i++) {
            int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int ch = (e & f) ^ (~e & g);
            int t1 = hh + s1 + ch + K[i] + w[i];
            int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int maj = (a & b) ^ (a & c) ^ (b & c);
            int t2 = s0 + maj;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}
