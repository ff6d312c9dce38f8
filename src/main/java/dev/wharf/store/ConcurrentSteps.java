package dev.wharf.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs two storage steps that do not depend on each other at the same time, so that a request waits for one backend
 * round trip instead of two (on S3 each is tens of milliseconds; a manifest's revision link and its tag's index link,
 * an upload session's deletion and the blob's link). {@link #both} returns only once both steps have ended, so
 * whatever the caller writes next comes after both, as when they ran in turn.
 *
 * <p>The second step goes to Quarkus' worker pool (the bounded pool that runs the blocking requests themselves); the
 * caller runs the first, then the second too unless a pool thread has already taken it. So a request never waits
 * for a queued task: with the pool saturated it simply runs both steps itself, one after the other, and each request
 * adds at most one task to the pool at a time.
 */
@ApplicationScoped
public class ConcurrentSteps {
    /** A storage step. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    private final Executor executor;

    @Inject
    public ConcurrentSteps(Executor executor) {
        this.executor = executor;
    }

    /** The steps one after the other on the caller's thread (for plain tests that count requests). */
    static ConcurrentSteps inTurn() {
        return new ConcurrentSteps(Runnable::run);
    }

    /**
     * Runs {@code first} and {@code second} at the same time and returns when both have ended. A failure of either is
     * thrown once both have ended ({@code first}'s, with {@code second}'s suppressed, when both fail). An interrupt
     * does not cut the wait short (the caller's next write must not overtake a step still running); it is kept.
     */
    public void both(Step first, Step second) throws IOException {
        FutureTask<Void> other = new FutureTask<>(() -> {
            second.run();
            return null;
        });
        try {
            executor.execute(other);
        } catch (RejectedExecutionException e) {
            // run here below
        }
        Throwable failure = null;
        try {
            first.run();
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
        other.run(); // no-op when a pool thread has taken it (then get() waits for that thread) or it has ended
        Throwable otherFailure = outcome(other);
        if (failure == null) {
            failure = otherFailure;
        } else if (otherFailure != null) {
            failure.addSuppressed(otherFailure);
        }
        if (failure != null) {
            throw rethrow(failure);
        }
    }

    private static Throwable outcome(FutureTask<Void> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static IOException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof IOException io) {
            return io;
        }
        throw new UncheckedIOException(new IOException(failure));
    }
}
