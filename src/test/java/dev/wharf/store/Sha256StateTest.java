package dev.wharf.store;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Sha256State} against the JDK's SHA-256, and its saved state against Go's {@code MarshalBinary} format. */
class Sha256StateTest {

    private static byte[] jdk(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void knownAnswers() {
        Sha256State empty = new Sha256State();
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(empty.digest()));
        Sha256State abc = new Sha256State();
        abc.update("abc".getBytes(), 0, 3);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(abc.digest()));
    }

    @Test
    void everyLengthUpTo200AndTheBlockBoundaries() throws Exception {
        for (int length = 0; length <= 200; length++) {
            byte[] data = random(length, length);
            Sha256State state = new Sha256State();
            state.update(data, 0, length);
            assertArrayEquals(jdk(data), state.digest(), "length " + length);
        }
        for (int length : new int[]{55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4095, 4096, 4097}) {
            byte[] data = random(length, 1000 + length);
            Sha256State bytewise = new Sha256State();
            for (int i = 0; i < length; i++) {
                bytewise.update(data, i, 1);
            }
            assertArrayEquals(jdk(data), bytewise.digest(), "bytewise, length " + length);
        }
    }

    @Test
    void digestLeavesTheStateUsable() throws Exception {
        byte[] data = random(300, 7);
        Sha256State state = new Sha256State();
        state.update(data, 0, 100);
        state.digest();
        state.update(data, 100, 200);
        assertArrayEquals(jdk(data), state.digest());
        assertEquals(300, state.length());
    }

    @Test
    void savedAndRestoredAtRandomPointsOfMultiMegabyteInputs() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 12; round++) {
            int length = round < 4 ? random.nextInt(300) : 1 + random.nextInt(5 * 1024 * 1024);
            byte[] data = random(length, round);
            Sha256State state = new Sha256State();
            int at = 0;
            while (at < length) {
                int chunk = Math.min(length - at, random.nextInt(4) == 0 ? random.nextInt(130) : random.nextInt(1 << 20));
                state.update(data, at, chunk);
                at += chunk;
                byte[] saved = state.marshal();
                assertEquals(Sha256State.MARSHALED_SIZE, saved.length);
                state = Sha256State.unmarshal(saved);
                assertEquals(at, state.length());
            }
            assertArrayEquals(jdk(data), state.digest(), "length " + length);
        }
    }

    @Test
    void marshalsInGoCryptoSha256Format() {
        // Go: h := sha256.New(); h.Write([]byte("abc")); h.(encoding.BinaryMarshaler).MarshalBinary()
        Sha256State state = new Sha256State();
        state.update("abc".getBytes(), 0, 3);
        byte[] saved = state.marshal();
        String hex = HexFormat.of().formatHex(saved);
        assertEquals("73686103" // "sha\x03"
                + "6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19" // untouched IV: no full block
                + "616263" + "00".repeat(61)
                + "0000000000000003", hex);
    }

    @Test
    void refusesWhatIsNotAState() {
        assertThrows(IllegalArgumentException.class, () -> Sha256State.unmarshal(new byte[10]));
        byte[] wrongMagic = new Sha256State().marshal();
        wrongMagic[3] = 2; // sha224
        assertThrows(IllegalArgumentException.class, () -> Sha256State.unmarshal(wrongMagic));
    }
}
