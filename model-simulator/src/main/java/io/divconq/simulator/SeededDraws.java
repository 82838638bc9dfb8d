package io.divconq.simulator;

/**
 * Hash-based random draws: the same seed and the same parts always give the same value, so a retried request gets
 * the same reply and outcomes for one question are coupled across prompts.
 */
final class SeededDraws {

    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeededDraws() {
    }

    /** A well-mixed 64-bit hash of the seed and the parts (part boundaries matter). */
    static long hash(long seed, String... parts) {
        long h = mix(seed ^ 0xcbf29ce484222325L);
        for (String part : parts) {
            for (int i = 0; i < part.length(); i++) {
                h = (h ^ part.charAt(i)) * FNV_PRIME;
            }
            h = mix(h + GOLDEN_GAMMA);
        }
        return h;
    }

    /** A uniform draw in [0, 1). */
    static double uniform(long seed, String... parts) {
        return toUnit(hash(seed, parts));
    }

    /** A non-negative int below {@code bound}, derived from a hash. */
    static int index(long hash, int bound) {
        return (int) Math.floorMod(mix(hash), (long) bound);
    }

    /** The seed for the n-th request's own random stream (latency and injected errors). */
    static long requestSeed(long seed, long requestNumber) {
        return mix(seed + requestNumber * GOLDEN_GAMMA);
    }

    static double toUnit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
