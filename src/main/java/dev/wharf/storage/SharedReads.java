package dev.wharf.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Concurrent reads of one key ("single flight") shared without ever answering a caller from a read that started
 * before it arrived, so that every answer reflects the storage at some instant within the caller's call (a write
 * completed before the call is always seen). Per key: when no read is running, the caller starts one; when one is
 * running, the caller joins the <em>next</em> read, which starts as soon as the running one ends and answers
 * everyone who arrived meanwhile. At most one read runs and one waits per key, whatever the number of callers.
 *
 * <p>The read runs on the thread of one of its callers (the first to see that it may start), never on a thread of
 * its own; no lock is held while it runs. Its value is handed to every caller as is (the caller copies what is
 * mutable); its failure reaches every caller, each with an exception of its own. A caller interrupted while waiting
 * gets an {@link InterruptedIOException} and the read goes on for the others (or is dropped when nobody is left to
 * run it); callers of a read that failed because its runner was interrupted read again. A key's entry is removed as soon as no read
 * of it runs or waits.
 */
final class SharedReads<T> {
    /** A read of the backend. */
    @FunctionalInterface
    interface Read<T> {
        T run() throws IOException;
    }

    private record Outcome<T>(T value, Throwable failure, boolean runnerInterrupted) {
    }

    /** One read and its callers. {@code waiting} is guarded by the key's entry in {@link #keys} (compute). */
    private static final class Flight<T> {
        final CompletableFuture<Void> start = new CompletableFuture<>();
        final CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
        final AtomicBoolean claimed = new AtomicBoolean();
        int waiting;
    }

    /** A key's running read and the read waiting for it to end (null when nobody arrived since it started). */
    private static final class Key<T> {
        Flight<T> running;
        Flight<T> next;
    }

    private final ConcurrentHashMap<String, Key<T>> keys = new ConcurrentHashMap<>();

    /** The value of a read of {@code key} started after this call began (run by this caller or shared). */
    T read(String key, Read<T> read) throws IOException {
        if (key == null) {
            return read.run(); // refused by the backend, which the map would not let it reach
        }
        Flight<T> flight = join(key);
        try {
            flight.start.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // start is never completed exceptionally
        }
        if (Thread.currentThread().isInterrupted()) { // before or while waiting: leave the read to the others
            leave(key, flight);
            throw new InterruptedIOException("interrupted while waiting to read " + key);
        }
        if (flight.claimed.compareAndSet(false, true)) {
            return run(key, flight, read);
        }
        Outcome<T> outcome;
        try {
            outcome = flight.outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a read of " + key);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // the outcome carries failures as values
        }
        if (outcome.runnerInterrupted()) {
            return read(key, read); // the runner's interruption is no answer for this caller: a new read
        }
        if (outcome.failure() != null) {
            throw copy(outcome.failure());
        }
        return outcome.value();
    }

    /** The number of keys with a read running or waiting (0 when idle). */
    int keysInUse() {
        return keys.size();
    }

    private Flight<T> join(String key) {
        @SuppressWarnings("unchecked")
        Flight<T>[] joined = new Flight[1];
        keys.compute(key, (k, state) -> {
            if (state == null) {
                state = new Key<>();
                state.running = new Flight<>();
                state.running.start.complete(null);
                joined[0] = state.running;
            } else {
                if (state.next == null) {
                    state.next = new Flight<>();
                }
                joined[0] = state.next;
            }
            joined[0].waiting++;
            return state;
        });
        return joined[0];
    }

    private T run(String key, Flight<T> flight, Read<T> read) throws IOException {
        T value = null;
        Throwable failure = null;
        try {
            value = read.run();
            return value;
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            Flight<T> following = finish(key, flight);
            boolean interrupted = failure != null && Thread.currentThread().isInterrupted();
            flight.outcome.complete(new Outcome<>(value, failure, interrupted));
            if (following != null) {
                following.start.complete(null);
            }
        }
    }

    /** Ends the key's running read: the waiting one (returned, to be started) takes its place, or the key goes. */
    private Flight<T> finish(String key, Flight<T> flight) {
        @SuppressWarnings("unchecked")
        Flight<T>[] following = new Flight[1];
        keys.compute(key, (k, state) -> {
            if (state == null || state.running != flight) {
                return state; // not reached: only the running read finishes, once
            }
            return advance(state, following);
        });
        return following[0];
    }

    /** The waiting read takes the running one's place (into {@code following}, to be started), or the key goes. */
    private static <T> Key<T> advance(Key<T> state, Flight<T>[] following) {
        if (state.next == null) {
            return null;
        }
        state.running = state.next;
        state.next = null;
        following[0] = state.running;
        return state;
    }

    /**
     * An interrupted caller leaves a read that has not started for it. When it was the read's last caller, the read
     * is dropped: removed if it was waiting, ended unrun (the next one started) if it was about to start.
     */
    private void leave(String key, Flight<T> flight) {
        boolean[] abandoned = new boolean[1];
        @SuppressWarnings("unchecked")
        Flight<T>[] following = new Flight[1];
        keys.compute(key, (k, state) -> {
            flight.waiting--;
            if (state == null || flight.waiting > 0) {
                return state;
            }
            if (state.next == flight) {
                state.next = null;
                return state;
            }
            if (state.running == flight && flight.claimed.compareAndSet(false, true)) {
                abandoned[0] = true;
                return advance(state, following);
            }
            return state;
        });
        if (abandoned[0]) {
            flight.outcome.complete(new Outcome<>(null, null, true));
        }
        if (following[0] != null) {
            following[0].start.complete(null);
        }
    }

    /** A failure of its own for each caller: the storage's exceptions keep their type, others become I/O errors. */
    private static IOException copy(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof PathNotFoundException missing) {
            return new PathNotFoundException(missing);
        }
        if (failure instanceof InvalidPathException invalid) {
            throw new InvalidPathException(invalid);
        }
        return new IOException(failure.getMessage(), failure);
    }
}
