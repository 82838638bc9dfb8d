package io.divconq.simulator;

/**
 * How one simulated model behaves: reply quality, latency and injected failures. Probabilities are in [0, 1].
 *
 * @param decompositionQuality      probability that a decomposition reply is the GOOD (canonical) one
 * @param noDecompositionRate       probability of replying "No decomposition" to a short question
 * @param malformedRate             probability of an unusable reply (no subquestions, no answer, no number)
 * @param accuracyGoodDecomposition probability of a correct answer when the prompt carries a GOOD decomposition
 * @param accuracyPoorDecomposition probability of a correct answer when the prompt carries a POOR decomposition
 * @param accuracyDirect            probability of a correct answer when the prompt carries no subquestions
 * @param latencyMedianMs           median of the lognormal response latency
 * @param latencySigma              sigma of the lognormal latency (0 = always the median)
 * @param msPerCompletionToken      extra latency per completion token
 * @param error5xxRate              probability per request of an HTTP 500
 * @param error429Rate              probability per request of an HTTP 429 with {@code Retry-After: 1}
 * @param timeoutRate               probability per request of holding the request {@code hangMs}, then replying 504
 * @param hangMs                    how long a timed-out request is held
 */
public record ModelProfile(
        double decompositionQuality,
        double noDecompositionRate,
        double malformedRate,
        double accuracyGoodDecomposition,
        double accuracyPoorDecomposition,
        double accuracyDirect,
        long latencyMedianMs,
        double latencySigma,
        double msPerCompletionToken,
        double error5xxRate,
        double error429Rate,
        double timeoutRate,
        long hangMs) {

    public static final long DEFAULT_HANG_MS = 30_000;
    public static final double DEFAULT_5XX_RATE = 0.01;
    public static final double DEFAULT_429_RATE = 0.005;

    public ModelProfile {
        requireProbability("decompositionQuality", decompositionQuality);
        requireProbability("noDecompositionRate", noDecompositionRate);
        requireProbability("malformedRate", malformedRate);
        requireProbability("accuracyGoodDecomposition", accuracyGoodDecomposition);
        requireProbability("accuracyPoorDecomposition", accuracyPoorDecomposition);
        requireProbability("accuracyDirect", accuracyDirect);
        requireProbability("error5xxRate", error5xxRate);
        requireProbability("error429Rate", error429Rate);
        requireProbability("timeoutRate", timeoutRate);
        requireProbability("error5xxRate + error429Rate + timeoutRate", error5xxRate + error429Rate + timeoutRate);
        if (latencyMedianMs < 0 || latencySigma < 0 || msPerCompletionToken < 0 || hangMs < 0) {
            throw new IllegalArgumentException("latencies, sigma and hangMs must be >= 0");
        }
    }

    /** A profile with the given quality and accuracies, the default error rates, no malformed replies, no timeouts. */
    public static ModelProfile of(double decompositionQuality, double accuracyGood, double accuracyPoor,
                                  double accuracyDirect, long latencyMedianMs, double latencySigma) {
        return new ModelProfile(decompositionQuality, 0.0, 0.0, accuracyGood, accuracyPoor, accuracyDirect,
                latencyMedianMs, latencySigma, 0.0, DEFAULT_5XX_RATE, DEFAULT_429_RATE, 0.0, DEFAULT_HANG_MS);
    }

    /** The same profile answering after exactly {@code ms} milliseconds. */
    public ModelProfile withFixedLatency(long ms) {
        return new ModelProfile(decompositionQuality, noDecompositionRate, malformedRate, accuracyGoodDecomposition,
                accuracyPoorDecomposition, accuracyDirect, ms, 0.0, 0.0, error5xxRate, error429Rate, timeoutRate, hangMs);
    }

    /** The same profile without injected HTTP failures (500, 429, timeouts); malformed replies are kept. */
    public ModelProfile withoutErrors() {
        return withErrorRates(0.0, 0.0, 0.0);
    }

    public ModelProfile withErrorRates(double error5xx, double error429, double timeout) {
        return new ModelProfile(decompositionQuality, noDecompositionRate, malformedRate, accuracyGoodDecomposition,
                accuracyPoorDecomposition, accuracyDirect, latencyMedianMs, latencySigma, msPerCompletionToken,
                error5xx, error429, timeout, hangMs);
    }

    public ModelProfile withHangMs(long newHangMs) {
        return new ModelProfile(decompositionQuality, noDecompositionRate, malformedRate, accuracyGoodDecomposition,
                accuracyPoorDecomposition, accuracyDirect, latencyMedianMs, latencySigma, msPerCompletionToken,
                error5xxRate, error429Rate, timeoutRate, newHangMs);
    }

    public ModelProfile withReplyRates(double newDecompositionQuality, double newNoDecompositionRate, double newMalformedRate) {
        return new ModelProfile(newDecompositionQuality, newNoDecompositionRate, newMalformedRate,
                accuracyGoodDecomposition, accuracyPoorDecomposition, accuracyDirect, latencyMedianMs, latencySigma,
                msPerCompletionToken, error5xxRate, error429Rate, timeoutRate, hangMs);
    }

    public ModelProfile withAccuracies(double good, double poor, double direct) {
        return new ModelProfile(decompositionQuality, noDecompositionRate, malformedRate, good, poor, direct,
                latencyMedianMs, latencySigma, msPerCompletionToken, error5xxRate, error429Rate, timeoutRate, hangMs);
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }
}
