package io.divconq.distill.rollout;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person tells a rollout, sent on experiment-control with source "rollout:pause:ARM" etc. (the arm at its
 * current weight, or at 0 for abort) so every instruction is kept with the experiment's other changes.
 */
public enum RolloutCommand {
    PAUSE, RESUME, ABORT;

    public static final String SOURCE_PREFIX = "rollout:";
    /** The source of the controller's own weight changes. */
    public static final String CONTROLLER_SOURCE = "rollout";

    /** A command to one arm's rollout. */
    public record Addressed(RolloutCommand command, String arm) {
    }

    public String source(String arm) {
        return SOURCE_PREFIX + name().toLowerCase(Locale.ROOT) + ":" + arm;
    }

    /** The command an experiment-control source carries, if it is one. */
    public static Optional<Addressed> ofSource(String source) {
        if (source == null || !source.startsWith(SOURCE_PREFIX)) return Optional.empty();
        String[] parts = source.substring(SOURCE_PREFIX.length()).split(":", 2);
        if (parts.length != 2 || parts[1].isBlank()) return Optional.empty();
        try {
            return Optional.of(new Addressed(valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
