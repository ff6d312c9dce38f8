package dev.wharf.logging;

import io.vertx.core.json.JsonObject;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line, for log collectors: {@code REGISTRY_LOG_FORMATTER=json} writes logrus' field names as
 * registry:2 does ({@code time}, {@code level}, {@code msg}, plus {@code logger}, {@code thread}, {@code error} with
 * the stack trace, and the MDC's entries); {@code logstash} writes Logstash's ({@code @timestamp}, {@code @version},
 * {@code message}, {@code level}, {@code logger_name}, {@code thread_name}, {@code stack_trace}).
 */
public final class JsonLogFormatter extends ExtFormatter {
    private final boolean logstash;

    public JsonLogFormatter(boolean logstash) {
        this.logstash = logstash;
    }

    @Override
    public String format(ExtLogRecord record) {
        JsonObject json = new JsonObject();
        String time = Instant.ofEpochMilli(record.getMillis()).toString();
        String level = record.getLevel().getName().toLowerCase(java.util.Locale.ROOT);
        String message = formatMessage(record);
        if (logstash) {
            json.put("@timestamp", time).put("@version", "1").put("message", message).put("level", level)
                    .put("logger_name", record.getLoggerName()).put("thread_name", record.getThreadName());
        } else {
            json.put("time", time).put("level", level).put("msg", message).put("logger", record.getLoggerName())
                    .put("thread", record.getThreadName());
        }
        for (Map.Entry<String, String> entry : record.getMdcCopy().entrySet()) {
            json.put(entry.getKey(), entry.getValue());
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            json.put(logstash ? "stack_trace" : "error", trace.toString());
        }
        return json.encode() + System.lineSeparator();
    }
}
