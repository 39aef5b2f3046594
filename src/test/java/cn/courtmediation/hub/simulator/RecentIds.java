package cn.courtmediation.hub.simulator;

import java.util.Arrays;

/**
 * Remembers which (court, message id) pairs were accepted recently, in fixed memory, to tell a redelivery from a
 * new message. Keeps 64-bit fingerprints, not strings, in two generations of open-addressing tables: when the
 * current one holds half the capacity, the older one is emptied and becomes current. So the last capacity/2 to
 * capacity deliveries (over all courts) are remembered in about 16 bytes per unit of capacity (16 MB for a
 * million), however many courts there are; a redelivery older than that counts as new, which a hub retrying
 * within minutes does not reach.
 */
final class RecentIds {
    private final int generationSize;
    private final int mask;
    private long[] current;
    private long[] previous;
    private int currentCount;

    RecentIds(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        generationSize = capacity / 2;
        // at most half full, so that linear probes stay short
        int slots = Integer.highestOneBit(generationSize * 2 - 1) << 1;
        mask = slots - 1;
        current = new long[slots];
        previous = new long[slots];
    }

    /** True the first time the pair is seen (and remembers it), false for a remembered one. */
    synchronized boolean firstTime(String court, String messageId) {
        long fp = fingerprint(court, messageId);
        if (contains(previous, fp)) {
            return false;
        }
        int i = (int) fp & mask;
        while (current[i] != 0) {
            if (current[i] == fp) {
                return false;
            }
            i = (i + 1) & mask;
        }
        current[i] = fp;
        if (++currentCount == generationSize) {
            long[] oldest = previous;
            Arrays.fill(oldest, 0L);
            previous = current;
            current = oldest;
            currentCount = 0;
        }
        return true;
    }

    synchronized void clear() {
        Arrays.fill(current, 0L);
        Arrays.fill(previous, 0L);
        currentCount = 0;
    }

    private boolean contains(long[] table, long fp) {
        for (int i = (int) fp & mask; table[i] != 0; i = (i + 1) & mask) {
            if (table[i] == fp) {
                return true;
            }
        }
        return false;
    }

    /** FNV-1a over both strings, then a murmur finaliser to spread the bits; never 0 (0 marks an empty slot). */
    static long fingerprint(String court, String messageId) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, court);
        h = (h ^ '\n') * 0x100000001b3L;
        h = fnv(h, messageId);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
