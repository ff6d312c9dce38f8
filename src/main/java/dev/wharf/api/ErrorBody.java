package dev.wharf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.error.ErrorCode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The spec's error body: {@code {"errors":[{"code","message","detail"}]}}. */
@RegisterForReflection
public record ErrorBody(List<Entry> errors) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Entry(String code, String message, Object detail) {
    }

    static ErrorBody of(ErrorCode code, Object detail) {
        return new ErrorBody(List.of(new Entry(code.code(), code.message(), detail)));
    }
}
