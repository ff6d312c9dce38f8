package dev.wharf.model;

/** Lowercase hex encoding, as digests are written. */
public final class HexFormatter {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexFormatter() {
    }

    public static String hex(byte[] raw) {
        char[] out = new char[raw.length * 2];
        for (int i = 0; i < raw.length; i++) {
            out[2 * i] = DIGITS[(raw[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[raw[i] & 0xf];
        }
        return new String(out);
    }
}
