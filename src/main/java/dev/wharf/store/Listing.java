package dev.wharf.store;

import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * One directory's {@link StorageDriver#list}, made when it is needed ({@link #children()}) or read ahead on an
 * executor ({@link #start}). A listing read ahead that no thread has begun yet is made by the caller of
 * {@link #children()} itself, so a busy or full executor only loses the overlap, never blocks the caller.
 */
final class Listing {
    final String directory;
    /** The repository name of the directory ({@code ""} for {@code repositories/} itself). */
    final String name;
    private final FutureTask<List<String>> task;
    private boolean started;

    Listing(StorageDriver driver, String directory, String name) {
        this.directory = directory;
        this.name = name;
        this.task = new FutureTask<>(() -> {
            try {
                return driver.list(directory);
            } catch (PathNotFoundException e) {
                return List.of(); // gone meanwhile, or never there: nothing to list, as an empty directory
            }
        });
    }

    /** Reads the listing ahead on the executor, unless it was started already. */
    void start(Executor executor) {
        if (started) {
            return;
        }
        started = true;
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down: children() makes it
        }
    }

    boolean started() {
        return started;
    }

    /** The children if the listing is done and succeeded, without waiting; empty otherwise. */
    Optional<List<String>> listed() {
        if (!task.isDone() || task.isCancelled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(task.get());
        } catch (InterruptedException | ExecutionException e) {
            return Optional.empty(); // not interrupted: a done task answers at once
        }
    }

    /** Drops a listing read ahead that the walk no longer needs: not made if no thread has begun it yet. */
    void cancel() {
        task.cancel(false);
    }

    /** The directory's children (empty when it does not exist), waiting for a listing already being made. */
    List<String> children() throws IOException {
        task.run(); // makes the listing here unless a thread has begun it (or it is done)
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while listing " + directory);
        } catch (CancellationException e) {
            throw new IllegalStateException("listing of " + directory + " used after it was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }
}
