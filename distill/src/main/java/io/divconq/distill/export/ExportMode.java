package io.divconq.distill.export;

import io.divconq.avro.DistillOutcome;
import java.util.Locale;

/** Which teacher decompositions a training file keeps: SD-T every usable one, SD-R only those that led to a right answer. */
public enum ExportMode {
    SDT, SDR;

    /** File stem and manifest key: sdt or sdr. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Why an outcome keeps a usable, selected example out of this mode's file, or null when it stays. */
    DropReason rejects(DistillOutcome outcome) {
        if (this == SDT) return null;
        return switch (outcome) {
            case CORRECT -> null;
            case INCORRECT -> DropReason.INCORRECT;
            case UNLABELLED -> DropReason.UNLABELLED;
            case FAILED -> DropReason.FAILED;
        };
    }
}
