package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

/** The {@code n}/{@code last} query parameters and the {@code Link: <…>; rel="next"} header of paginated lists. */
final class Pagination {
    private Pagination() {
    }

    /** Parses {@code n}: absent is empty; negative, non-numeric or above {@code max} is PAGINATION_NUMBER_INVALID. */
    static OptionalInt parseLimit(String n, int max) {
        if (n == null || n.isEmpty()) {
            return OptionalInt.empty();
        }
        int value;
        try {
            value = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.PAGINATION_NUMBER_INVALID, "n must be a non-negative integer: " + n);
        }
        if (value < 0 || value > max) {
            throw new RegistryException(ErrorCode.PAGINATION_NUMBER_INVALID,
                    "n must be between 0 and " + max + ": " + n);
        }
        return OptionalInt.of(value);
    }

    /** Entries after {@code last} (exclusive) in a sorted list. */
    static List<String> after(List<String> sorted, String last) {
        if (last == null || last.isEmpty()) {
            return sorted;
        }
        int from = 0;
        while (from < sorted.size() && sorted.get(from).compareTo(last) <= 0) {
            from++;
        }
        return sorted.subList(from, sorted.size());
    }

    /** The Link header value pointing at the page after {@code last}. */
    static String nextLink(String path, String last, int n) {
        return "<" + path + "?last=" + URLEncoder.encode(last, StandardCharsets.UTF_8) + "&n=" + n + ">; rel=\"next\"";
    }
}
