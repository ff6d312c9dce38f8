package dev.wharf.storage;

import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The storage backend itself, as {@link StorageDriverProducer} builds it from {@code REGISTRY_STORAGE}; the registry
 * uses the unqualified {@link StorageDriver}, which wraps it (with metrics).
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Backend {
}
