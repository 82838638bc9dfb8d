package io.divconq.launcher;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A point in time on the command line (e.g. {@code --since}): an ISO-8601 instant or epoch milliseconds. */
public final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String text) {
        String t = text.strip();
        if (t.matches("\\d+")) return Instant.ofEpochMilli(Long.parseLong(t));
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("not an ISO-8601 instant (2026-11-30T12:00:00Z) or epoch milliseconds: '" + text + "'");
        }
    }
}
