package dev.wharf.deploy;

import dev.wharf.config.RegistryConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every {@code REGISTRY_*} variable the {@link RegistryConfig} mapping binds is documented in README.md. */
class ReadmeVariablesTest {
    private static final Pattern VARIABLE = Pattern.compile("REGISTRY_[A-Za-z0-9_<>-]*");

    @Test
    void everyVariableTheMappingReadsIsInTheReadme() throws IOException {
        Matcher m = VARIABLE.matcher(Files.readString(Path.of("README.md")));
        Set<String> documented = new java.util.TreeSet<>();
        while (m.find()) {
            // placeholders stand for any index or name
            documented.add(m.group().replace("<i>", "0").replace("<Name>", "X"));
        }
        List<String> undocumented = ConfigVariables.of(RegistryConfig.class).patterns().stream()
                .filter(pattern -> documented.stream().noneMatch(name -> name.matches(pattern)))
                .collect(Collectors.toList());
        assertEquals(List.of(), undocumented, "variables missing from README.md's table");
    }
}
