package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WholeBodyTest {

    @Test
    void onlyAKnownLengthUpToTheBoundIsReadWhole() {
        assertTrue(WholeBody.fits(Optional.empty(), OptionalLong.of(1)));
        assertTrue(WholeBody.fits(Optional.empty(), OptionalLong.of(WholeBody.MAX)));
        assertFalse(WholeBody.fits(Optional.empty(), OptionalLong.of(WholeBody.MAX + 1)));
        assertFalse(WholeBody.fits(Optional.empty(), OptionalLong.of(0)));
        assertFalse(WholeBody.fits(Optional.empty(), OptionalLong.empty()), "chunked transfer: length unknown");
    }

    @Test
    void aContentRangeMustCoverTheSameBytesFromZero() {
        assertTrue(WholeBody.fits(Optional.of(new ContentRange(0, 99)), OptionalLong.of(100)));
        assertFalse(WholeBody.fits(Optional.of(new ContentRange(0, 98)), OptionalLong.of(100)));
        assertFalse(WholeBody.fits(Optional.of(new ContentRange(10, 109)), OptionalLong.of(100)));
    }

    @Test
    void readsExactlyTheAnnouncedBytes() {
        byte[] content = {1, 2, 3, 4};
        assertArrayEquals(content, WholeBody.read(new ByteArrayInputStream(content), 4));
    }

    @Test
    void aBodyShorterOrLongerThanAnnouncedIsSizeInvalid() {
        byte[] content = {1, 2, 3, 4};
        assertEquals(ErrorCode.SIZE_INVALID, assertThrows(RegistryException.class,
                () -> WholeBody.read(new ByteArrayInputStream(content), 5)).errorCode());
        assertEquals(ErrorCode.SIZE_INVALID, assertThrows(RegistryException.class,
                () -> WholeBody.read(new ByteArrayInputStream(content), 3)).errorCode());
    }

    @Test
    void aBodyThatFailsWhileReadIsSizeInvalid() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertEquals(ErrorCode.SIZE_INVALID, assertThrows(RegistryException.class,
                () -> WholeBody.read(broken, 3)).errorCode());
    }
}
