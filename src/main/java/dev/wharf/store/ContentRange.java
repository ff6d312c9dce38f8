package dev.wharf.store;

/** The inclusive byte range a chunk claims to cover ({@code Content-Range: <start>-<end>} on PATCH). */
public record ContentRange(long start, long end) {
    public long length() {
        return end - start + 1;
    }
}
