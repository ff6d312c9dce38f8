package dev.wharf.store;

import java.util.concurrent.locks.ReentrantLock;

/** A fixed set of locks chosen by key hash: serialises work on one upload or tag without a lock per key. */
final class StripedLocks {
    private final ReentrantLock[] locks;

    StripedLocks(int stripes) {
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock forKey(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }
}
