package dev.wharf.storage.s3;

import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.function.Supplier;

/**
 * A part of the SDK built when it is first needed rather than at startup (what an idle registry has not used costs it
 * no classes and no memory), then shared; closing closes it only if it was built.
 */
final class FirstUse<T extends SdkAutoCloseable> implements Supplier<T>, SdkAutoCloseable {
    private final Supplier<T> build;
    private volatile T built;

    FirstUse(Supplier<T> build) {
        this.build = build;
    }

    @Override
    public T get() {
        T value = built;
        if (value == null) {
            synchronized (this) {
                value = built;
                if (value == null) {
                    value = build.get();
                    built = value;
                }
            }
        }
        return value;
    }

    @Override
    public synchronized void close() {
        if (built != null) {
            built.close();
        }
    }
}
