package dev.wharf.logging;

import dev.wharf.config.RegistryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.logging.Handler;

/**
 * {@code REGISTRY_LOG_FORMATTER}: with {@code json} or {@code logstash}, the console handler writes
 * {@link JsonLogFormatter}'s lines from the start of the application on (Quarkus' JSON logging extension is not
 * available here, and its formatter is chosen at build time). The lines Quarkus writes while it boots, before this
 * runs, stay text.
 */
@Singleton
public class LogFormat {
    private final String formatter;

    public LogFormat(RegistryConfig config) {
        this.formatter = config.log().formatter();
    }

    void install(@Observes @Priority(1) StartupEvent event) {
        if (!"text".equals(formatter)) {
            JsonLogFormatter json = new JsonLogFormatter("logstash".equals(formatter));
            for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
                install(handler, json);
            }
        }
    }

    private static void install(Handler handler, JsonLogFormatter json) {
        if (handler instanceof ConsoleHandler) {
            handler.setFormatter(json);
        }
        if (handler instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                install(child, json);
            }
        }
    }
}
