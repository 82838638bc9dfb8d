package io.divconq.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One question put to the gateway, from either API. requestedId is the caller's id (the {@code id} field or the
 * Idempotency-Key header): when present it is the problem id, so a repeat finds the same problem. model is what
 * the caller named (echoed back in chat replies).
 */
public record AnswerRequest(String question, Optional<String> context, String dataset, Optional<String> requestedId,
                            Map<String, String> attributes, List<String> gold, String experiment, String model,
                            Optional<Long> timeoutMs, boolean stream) {

    public AnswerRequest {
        attributes = Map.copyOf(attributes);
        gold = List.copyOf(gold);
    }

    /** SHA-256 of what decides the answer (not of timeouts or streaming), to tell a repeat from a changed request. */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        canonical.append("q=").append(question.length()).append(':').append(question)
                .append("|c=").append(context.map(c -> c.length() + ":" + c).orElse("-"))
                .append("|d=").append(dataset).append("|e=").append(experiment);
        new TreeMap<>(attributes).forEach((k, v) -> canonical.append("|a=").append(k.length()).append(':').append(k)
                .append('=').append(v.length()).append(':').append(v));
        gold.forEach(g -> canonical.append("|g=").append(g.length()).append(':').append(g));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cache key: experiment and the question with case and runs of white space folded. */
    public String cacheKey() {
        return experiment + "\n" + context.orElse("") + "\n" + question.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }
}
