package io.divconq.simulator;

import java.util.Map;

/**
 * A snapshot of what the simulator has served since start (or the last reset). Counts chat-completion requests;
 * {@code errors} maps an error kind (server_error, rate_limited, timeout, bad_request, unauthorized, ...) to a count.
 *
 * @param requests         chat-completion requests received
 * @param completions      successful completions sent
 * @param malformedReplies completions whose content was deliberately unusable
 * @param errors           error responses by kind
 * @param inFlight         requests received and not yet answered
 * @param maxInFlight      the highest {@code inFlight} seen
 * @param byModel          the same figures per requested model name
 */
public record SimulatorStats(long requests, long completions, long malformedReplies, Map<String, Long> errors,
                             int inFlight, int maxInFlight, Map<String, ModelStats> byModel) {

    public SimulatorStats {
        errors = Map.copyOf(errors);
        byModel = Map.copyOf(byModel);
    }

    /** Figures for one model name, including the token usage reported to clients. */
    public record ModelStats(long requests, long completions, long malformedReplies, Map<String, Long> errors,
                             int inFlight, int maxInFlight, long promptTokens, long completionTokens) {
        public ModelStats {
            errors = Map.copyOf(errors);
        }
    }

    public long errorCount(String kind) {
        return errors.getOrDefault(kind, 0L);
    }
}
