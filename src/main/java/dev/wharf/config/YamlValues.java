package dev.wharf.config;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.regex.Pattern;

/**
 * Parses YAML as distribution's settings need it: maps, lists and scalars, where a plain scalar stays the text it
 * was written as ({@code 0123} is not the octal 83, {@code 2024-01-01} not a date; converters type it later), and
 * only {@code ~}/{@code null}/nothing is null. Errors name the line and column, never the text (it may be a secret).
 */
final class YamlValues {
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL| )$");
    private static final Pattern EMPTY = Pattern.compile("^$");

    private YamlValues() {
    }

    /** The document's value: a {@code Map<String, Object>}, a {@code List<Object>}, a String or null. */
    static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new NullOnlyResolver());
        return yaml.load(text);
    }

    /** What is wrong with the text, without quoting it: "line 3, column 5: mapping values are not allowed here". */
    static String describe(YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            String where = mark == null ? ""
                    : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
            String problem = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
            return where + problem;
        }
        return "not valid YAML";
    }

    /** Resolves plain scalars to strings, except the null forms: no booleans, numbers or timestamps. */
    private static final class NullOnlyResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
        }
    }
}
