package dev.wharf.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A decorator of the storage driver must pass on every call, the ones with a default body included: a default it
 * does not override runs the interface's generic version over the decorator instead of the backend's own (a
 * {@code deleteListed} that lists and deletes again on S3, a {@code putScratch} that fsyncs). Closing included: a decorator decides it. New methods of
 * {@link StorageDriver} therefore fail this test until every decorator forwards them.
 */
class DecoratorsForwardEverythingTest {
    @ParameterizedTest
    @ValueSource(strings = {"dev.wharf.storage.ForwardingStorageDriver", "dev.wharf.metrics.MeteredStorageDriver"})
    void everyMethodOfTheDriverIsOverridden(String name) throws ClassNotFoundException {
        Class<?> decorator = Class.forName(name);
        List<String> missing = Arrays.stream(StorageDriver.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !declares(decorator, method))
                .map(Method::getName).sorted().toList();
        assertEquals(List.of(), missing, decorator.getSimpleName() + " does not forward these");
    }

    /** True when the decorator (or a decorator it extends) implements the method, not the interface's default. */
    private static boolean declares(Class<?> decorator, Method method) {
        try {
            return decorator.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass()
                    != StorageDriver.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
