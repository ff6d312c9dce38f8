package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a manifest body is read: whole, too large, or cut short by the client. */
class ManifestBodyTest {

    @Test
    void aBodyThatBreaksOffIsSizeInvalidNotAnUnexpectedFailure() {
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(new byte[10]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection was closed");
            }
        });
        RegistryException e = assertThrows(RegistryException.class, () -> ManifestBody.read(broken, OptionalLong.of(100)));
        assertEquals(ErrorCode.SIZE_INVALID, e.errorCode());
    }

    @Test
    void aWholeBodyIsReadAndALargerOneIsTooLarge() {
        assertArrayEquals(new byte[] {1, 2}, ManifestBody.read(new ByteArrayInputStream(new byte[] {1, 2}), OptionalLong.empty()));
        byte[] over = new byte[4 * 1024 * 1024 + 1];
        RegistryException e = assertThrows(RegistryException.class,
                () -> ManifestBody.read(new ByteArrayInputStream(over), OptionalLong.empty()));
        assertEquals(ErrorCode.MANIFEST_TOO_LARGE, e.errorCode());
    }
}
