package io.divconq.distill.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A question (and its passage, if any) normalised for de-duplication and exclusion: Unicode NFKC, lower case,
 * runs of whitespace as one space, trimmed. Its hash picks the validation split, so a question lands in the same
 * split in every export.
 */
public record QuestionKey(String value) {

    public static QuestionKey of(String question, String passage) {
        String q = normalise(question);
        return new QuestionKey(passage == null || passage.isBlank() ? q : normalise(passage) + "\n" + q);
    }

    static String normalise(String text) {
        return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /** Whether this question belongs to the validation split of the given share (0 = none, 1 = all). */
    public boolean inValidation(double share) {
        return unitHash() < share;
    }

    /** The first 53 bits of the key's SHA-256 as a number in [0, 1). */
    double unitHash() {
        byte[] h = sha256(value.getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) bits = (bits << 8) | (h[i] & 0xff);
        return (bits >>> 11) / (double) (1L << 53);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }
}
