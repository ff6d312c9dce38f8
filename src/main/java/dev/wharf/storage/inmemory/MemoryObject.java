package dev.wharf.storage.inmemory;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable stored object: its bytes as a list of chunks that are never modified once published, so readers
 * stream a snapshot without copying and an append shares every existing chunk with the previous version.
 */
final class MemoryObject {
    static final MemoryObject EMPTY = new MemoryObject(List.of(), new long[0], Instant.EPOCH);

    private final List<byte[]> chunks;
    /** {@code ends[i]} is the offset just past chunk {@code i}. */
    private final long[] ends;
    private final Instant modified;

    private MemoryObject(List<byte[]> chunks, long[] ends, Instant modified) {
        this.chunks = chunks;
        this.ends = ends;
        this.modified = modified;
    }

    /** An object holding the chunks (which the caller hands over and never modifies again). */
    static MemoryObject of(List<byte[]> chunks, Instant modified) {
        return EMPTY.append(chunks, modified);
    }

    /** A new version with the chunks added after this one's bytes; this version is unchanged. */
    MemoryObject append(List<byte[]> more, Instant modified) {
        List<byte[]> all = new ArrayList<>(chunks.size() + more.size());
        all.addAll(chunks);
        long[] allEnds = Arrays.copyOf(ends, chunks.size() + more.size());
        long end = size();
        for (byte[] chunk : more) {
            if (chunk.length > 0) { // empty chunks would make the offsets ambiguous for the binary search
                end += chunk.length;
                allEnds[all.size()] = end;
                all.add(chunk);
            }
        }
        return new MemoryObject(List.copyOf(all), Arrays.copyOf(allEnds, all.size()), modified);
    }

    long size() {
        return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    /** The time of the write that produced this version. */
    Instant modified() {
        return modified;
    }

    /** A copy of the whole content (for small objects). */
    byte[] toByteArray() {
        byte[] out = new byte[Math.toIntExact(size())];
        int position = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, out, position, chunk.length);
            position += chunk.length;
        }
        return out;
    }

    /** A stream of the bytes from {@code offset} (between 0 and the size) to the end. */
    InputStream open(long offset) {
        return new ChunkStream(offset);
    }

    private final class ChunkStream extends InputStream {
        private int chunk;
        private int position;

        ChunkStream(long offset) {
            int index = Arrays.binarySearch(ends, offset);
            // an exact hit is the end of chunk `index`: start at the next one
            chunk = index >= 0 ? index + 1 : -index - 1;
            long chunkStart = chunk == 0 ? 0 : ends[chunk - 1];
            position = (int) (offset - chunkStart);
        }

        @Override
        public int read() {
            if (chunk >= chunks.size()) {
                return -1;
            }
            byte[] current = chunks.get(chunk);
            int value = current[position++] & 0xff;
            if (position == current.length) {
                chunk++;
                position = 0;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            int copied = 0;
            while (copied < length && chunk < chunks.size()) {
                byte[] current = chunks.get(chunk);
                int count = Math.min(length - copied, current.length - position);
                System.arraycopy(current, position, buffer, offset + copied, count);
                copied += count;
                position += count;
                if (position == current.length) {
                    chunk++;
                    position = 0;
                }
            }
            return copied == 0 ? -1 : copied;
        }

        @Override
        public int available() {
            if (chunk >= chunks.size()) {
                return 0;
            }
            return (int) Math.min(Integer.MAX_VALUE, size() - (ends[chunk] - chunks.get(chunk).length) - position);
        }
    }
}
