package dev.wharf.notifications;

import java.util.ArrayDeque;

/**
 * A FIFO of at most {@code capacity} items for one consumer thread. Adding never blocks: when full, the oldest item
 * is dropped and counted. After {@link #close()} nothing is added and the consumer drains what is left.
 */
final class BoundedQueue<T> {
    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private boolean closed;
    private long dropped;

    BoundedQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Adds the item (nothing once closed); true when that dropped the oldest one. */
    synchronized boolean add(T item) {
        if (closed) {
            return false;
        }
        boolean full = items.size() >= capacity;
        if (full) {
            items.pollFirst();
            dropped++;
        }
        items.addLast(item);
        notifyAll();
        return full;
    }

    /** The oldest item, waiting for one; null once closed and empty. */
    synchronized T take() throws InterruptedException {
        while (items.isEmpty() && !closed) {
            wait();
        }
        return items.pollFirst();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized int size() {
        return items.size();
    }

    synchronized long dropped() {
        return dropped;
    }
}
