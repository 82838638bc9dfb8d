package io.divconq.gateway;

import io.divconq.gateway.api.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Bearer tokens from the environment variable the configuration names (comma-separated). No tokens: no auth. */
record Auth(List<String> tokens) {

    static Auth fromEnvironment(String variable, java.util.function.Function<String, String> env) {
        String value = variable == null ? null : env.apply(variable);
        if (value == null || value.isBlank()) return new Auth(List.of());
        return new Auth(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    boolean enabled() {
        return !tokens.isEmpty();
    }

    /** The caller's token when it is accepted; throws 401 otherwise. Empty when auth is off. */
    Optional<String> check(Optional<String> authorization) {
        if (!enabled()) return Optional.empty();
        String given = authorization.filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).strip())
                .orElseThrow(ApiError::unauthorized);
        byte[] g = given.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String t : tokens) ok |= MessageDigest.isEqual(g, t.getBytes(StandardCharsets.UTF_8));
        if (!ok) throw ApiError.unauthorized();
        return Optional.of(given);
    }

    /** The token this instance presents to its peers. */
    Optional<String> peerToken() {
        return tokens.stream().findFirst();
    }

    @Override
    public String toString() {
        return "Auth[" + tokens.size() + " tokens]";
    }
}
