package dev.wharf.auth;

import java.util.regex.Pattern;

/**
 * A repository glob of the access file: {@code *} matches within one path segment, {@code **} across segments
 * ({@code team-a/**} is every repository under {@code team-a/}, {@code **} every repository); everything else is
 * literal. Compiled once.
 */
record RepositoryPattern(String glob, Pattern regex) {

    static RepositoryPattern compile(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("empty repository pattern");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c != '*') {
                literal.append(c);
                continue;
            }
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
            if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else {
                regex.append("[^/]*");
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return new RepositoryPattern(glob, Pattern.compile(regex.toString()));
    }

    boolean matches(String repository) {
        return regex.matcher(repository).matches();
    }
}
