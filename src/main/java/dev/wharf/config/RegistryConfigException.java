package dev.wharf.config;

/**
 * Configuration Wharf cannot start with (a missing or broken config.yml, two storage drivers, …); the message says
 * why.
 */
public class RegistryConfigException extends RuntimeException {
    public RegistryConfigException(String message) {
        super(message);
    }
}
