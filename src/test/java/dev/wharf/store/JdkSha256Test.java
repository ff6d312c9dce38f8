package dev.wharf.store;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDK-engine path of {@link Sha256State} against the pure-Java one: the same saved states byte for byte, states
 * moved from either to the other resume to the JDK's digest.
 */
class JdkSha256Test {

    @Test
    void theTestJvmOpensTheJdkEngine() {
        // on the JDK this project builds with, uploads must hash in the intrinsic engine (else ~5x slower)
        assertTrue(JdkSha256.AVAILABLE, "JDK SHA-256 state not accessible");
        assertTrue(new Sha256State().usesJdkEngine());
        assertTrue(Sha256State.unmarshal(new Sha256State().marshal()).usesJdkEngine());
    }

    @Test
    void bothEnginesSaveTheSameStateAndResumeInEachOther() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            byte[] input = new byte[random.nextInt(round < 150 ? 300 : 200_000)];
            random.nextBytes(input);
            int split = input.length == 0 ? 0 : random.nextInt(input.length + 1);
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(input);

            Sha256State jdk = new Sha256State();
            Sha256State portable = Sha256State.portable();
            jdk.update(input, 0, split);
            portable.update(input, 0, split);
            byte[] jdkSaved = jdk.marshal();
            assertArrayEquals(portable.marshal(), jdkSaved, "saved state after " + split + " bytes");
            assertEquals(split, jdk.length());

            Sha256State portableFromJdk = Sha256State.unmarshal(jdkSaved, false);
            Sha256State jdkFromPortable = Sha256State.unmarshal(portable.marshal(), true);
            assertTrue(jdkFromPortable.usesJdkEngine());
            for (Sha256State state : new Sha256State[]{jdk, portableFromJdk, jdkFromPortable}) {
                Sha256State copy = state.copy();
                state.update(input, split, input.length - split);
                assertArrayEquals(expected, state.digest(), "length " + input.length + " split " + split);
                assertArrayEquals(expected, state.digest(), "digest leaves the state as it was");
                copy.update(input, split, input.length - split);
                assertArrayEquals(expected, copy.digest(), "a copy hashes on independently");
            }
        }
    }
}
