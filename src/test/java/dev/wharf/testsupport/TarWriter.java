package dev.wharf.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal POSIX ustar writer: directories and regular files with fixed owner, mode and time, so the same entries
 * always give the same bytes. Names up to 100 bytes (no prefix splitting); sizes up to 8 GiB.
 */
final class TarWriter implements AutoCloseable {
    private static final int BLOCK = 512;
    /** 2023-11-14T22:13:20Z: a fixed time keeps archives deterministic. */
    private static final long MTIME = 1_700_000_000L;

    private final OutputStream out;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    void addDirectory(String name) throws IOException {
        out.write(header(name.endsWith("/") ? name : name + "/", 0, '5', 0755));
    }

    void addFile(String name, byte[] content) throws IOException {
        out.write(header(name, content.length, '0', 0644));
        out.write(content);
        pad(content.length);
    }

    /** A file of exactly {@code size} bytes read from {@code content}, streamed. */
    void addFile(String name, long size, InputStream content) throws IOException {
        out.write(header(name, size, '0', 0644));
        byte[] buffer = new byte[1 << 16];
        long remaining = size;
        while (remaining > 0) {
            int read = content.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new IOException(name + ": content ended " + remaining + " bytes early");
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
        pad(size);
    }

    /** Writes the two zero blocks that end an archive; does not close the underlying stream. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private static byte[] header(String name, long size, char type, int mode) {
        byte[] header = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("tar name longer than 100 bytes: " + name);
        }
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, MTIME);
        header[156] = (byte) type;
        ascii(header, 257, "ustar\0");
        ascii(header, 263, "00");
        ascii(header, 265, "root");
        ascii(header, 297, "root");
        Arrays.fill(header, 148, 156, (byte) ' ');
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        octal(header, 148, 7, checksum);
        header[155] = ' ';
        return header;
    }

    /** {@code value} as zero-padded octal digits filling {@code length - 1} bytes, then NUL. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException(value + " does not fit a tar field of " + length + " bytes");
        }
        ascii(header, offset, "0".repeat(length - 1 - digits.length()) + digits);
        header[offset + length - 1] = 0;
    }

    private static void ascii(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
