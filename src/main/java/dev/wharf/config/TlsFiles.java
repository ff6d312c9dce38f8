package dev.wharf.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code REGISTRY_HTTP_TLS_*} is complete and its files are there: a certificate and a key together or neither, each
 * file a readable PEM file of the right kind, and client CAs only with a certificate (else the registry would serve
 * plain HTTP to clients the operator meant to authenticate). Each problem names its variable.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TlsFilesValidator.class)
public @interface TlsFiles {
    String message() default "REGISTRY_HTTP_TLS_* is incomplete";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
