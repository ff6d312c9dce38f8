package dev.wharf.config;

import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * distribution's {@code config.yml}: a YAML map with {@code version: 0.1} (required, as distribution requires it)
 * and the settings. Which file is read is {@link RegistryConfigSourceFactory}'s business.
 */
final class RegistryConfigFile {
    /** Where {@code registry:2} and Debian's {@code docker-registry} look when given no path. */
    static final Path DEFAULT_PATH = Path.of("/etc/docker/registry/config.yml");

    private RegistryConfigFile() {
    }

    /**
     * The settings in {@code path} (without {@code version}), as a mutable tree of maps, lists and strings.
     *
     * @param givenBy how the path was chosen, for error messages (e.g. "REGISTRY_CONFIGURATION_PATH")
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path path, String givenBy) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RegistryConfigException(
                    "configuration file " + path + " (given by " + givenBy + ") does not exist");
        } catch (IOException e) {
            throw new RegistryConfigException("cannot read configuration file " + path + " (given by " + givenBy
                    + "): " + e);
        }
        Object document;
        try {
            document = YamlValues.load(text);
        } catch (YAMLException e) {
            throw new RegistryConfigException("configuration file " + path + " is not valid YAML: "
                    + YamlValues.describe(e));
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new RegistryConfigException("configuration file " + path
                    + " must be a YAML map of settings starting with version: 0.1");
        }
        Map<String, Object> tree = new LinkedHashMap<>((Map<String, Object>) map);
        Object version = tree.remove("version");
        if (version == null) {
            throw new RegistryConfigException("configuration file " + path + " has no version: add version: 0.1");
        }
        if (!version.toString().trim().equals("0.1")) {
            throw new RegistryConfigException("configuration file " + path + " has version " + version
                    + ": only 0.1 is supported (as in distribution)");
        }
        TypedSection.normalise(tree);
        return tree;
    }
}
