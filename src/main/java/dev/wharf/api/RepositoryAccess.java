package dev.wharf.api;

import dev.wharf.auth.Action;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a resource method does to the repository in its {@code name} path parameter, checked by {@link AuthFilter}
 * against the access rules. A {@code /v2} method without it is open to any authenticated user only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface RepositoryAccess {
    Action value();
}
