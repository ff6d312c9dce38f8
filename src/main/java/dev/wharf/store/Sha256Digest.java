package dev.wharf.store;

/** A {@link java.security.MessageDigest} over a {@link Sha256State}, whose state the caller keeps and may save. */
final class Sha256Digest extends java.security.MessageDigest {
    static final String ALGORITHM = "SHA-256";

    private final Sha256State state;

    Sha256Digest(Sha256State state) {
        super(ALGORITHM);
        this.state = state;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[]{input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        state.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
        return state.digest();
    }

    @Override
    protected void engineReset() {
        throw new UnsupportedOperationException("a resumed upload digest is not reset");
    }
}
