package dev.wharf.cli;

import dev.wharf.config.RegistryConfigException;
import dev.wharf.config.RegistryConfigSourceFactory;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The command line of {@code registry:2}: {@code serve [config.yml]}, or nothing. The path is handed to the
 * configuration as the system property {@code registry.configuration.path} before Quarkus starts
 * ({@link RegistryConfigSourceFactory} reads it). A config.yml or {@code REGISTRY_*} variable that cannot be used stops
 * it here, with its message and exit status 1.
 */
@QuarkusMain
public final class WharfMain {
    private WharfMain() {
    }

    public static void main(String... args) {
        if (args.length == 2 && args[0].equals("serve")) {
            System.setProperty(RegistryConfigSourceFactory.PATH_PROPERTY, args[1]);
        } else if (!(args.length == 0 || args.length == 1 && args[0].equals("serve"))) {
            System.err.println("usage: java -jar quarkus-run.jar [serve [<config.yml>]]");
            System.exit(2);
        }
        try {
            RegistryConfigSourceFactory.check();
        } catch (RegistryConfigException e) {
            System.err.println("Wharf cannot start: " + e.getMessage());
            System.exit(1);
        }
        Quarkus.run();
    }
}
