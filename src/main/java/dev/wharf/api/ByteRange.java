package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a blob GET ({@code Range: bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}), per RFC 9110
 * §14.2: a range in another unit (or none) is ignored and the whole blob served; so is a well-formed multi-range
 * (a server may ignore Range); a byte range that is malformed ({@code bytes=abc}, {@code bytes=5-2}) or does not
 * overlap the blob is a 416 with {@code Content-Range: bytes *&#47;size}, as registry:2 answers.
 */
record ByteRange(long start, long end) {
    private static final String UNIT = "bytes=";
    private static final Pattern SPEC = Pattern.compile("(\\d*)-(\\d*)");

    long length() {
        return end - start + 1;
    }

    String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
            return Optional.empty();
        }
        String[] specs = value.substring(UNIT.length()).split(",", -1);
        for (String spec : specs) {
            if (!wellFormed(spec.trim())) {
                throw unsatisfiable(size);
            }
        }
        if (specs.length > 1) {
            return Optional.empty();
        }
        Matcher m = SPEC.matcher(specs[0].trim());
        m.matches();
        if (m.group(1).isEmpty()) {
            long suffix = number(m.group(2));
            if (suffix == 0 || size == 0) {
                throw unsatisfiable(size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long start = number(m.group(1));
        if (start >= size) {
            throw unsatisfiable(size);
        }
        long end = m.group(2).isEmpty() ? size - 1 : Math.min(number(m.group(2)), size - 1);
        return Optional.of(new ByteRange(start, end));
    }

    /** {@code first-last}, {@code first-} or {@code -suffix}, with last not below first (RFC 9110 §14.1.1). */
    private static boolean wellFormed(String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return false;
        }
        return m.group(1).isEmpty() || m.group(2).isEmpty() || number(m.group(2)) >= number(m.group(1));
    }

    /** A position; one beyond any blob size counts as the largest. */
    private static long number(String digits) {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
    }

    private static RegistryException unsatisfiable(long size) {
        return new RegistryException(ErrorCode.RANGE_INVALID, "requested range not satisfiable",
                Map.of("Content-Range", "bytes */" + size));
    }
}
