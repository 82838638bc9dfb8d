package io.divconq.datasets.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bamboogle: normalised exact match and cover-EM, with the quirks of the real gold answers. */
class CoverExactMatchTest {

    private final CoverExactMatch metric = new CoverExactMatch();

    @ParameterizedTest(name = "{0} vs {1}: em {2}, cover {3}")
    @CsvSource(delimiter = '|', value = {
            "James Madison|james madison|1|1",
            "The answer is James Madison.|james madison|0|1",
            "Titan IIIE|Titan IIIE|1|1",
            "the Titan IIIE rocket|Titan IIIE|0|1",
            "Titan III|Titan IIIE|0|0",
            "19999|1999|0|0",
            "In 1999.|1999|0|1",
            "'George VI'|George VI\\n|1|1",
            "Madison|james madison|0|0",
            "|james madison|0|0"})
    void measures(String predicted, String gold, double em, double cover) {
        String g = gold.replace("\\n", "\n");
        assertThat(metric.judge(List.of(predicted == null ? "" : predicted), List.of(List.of(g))))
                .isEqualTo(new Judgement(Map.of("em", em, "cover_em", cover)));
    }

    @ParameterizedTest(name = "normalize({0}) = {1}")
    @CsvSource(delimiter = '|', value = {"The Eiffel Tower.|eiffel tower", "“Quoted”|“quoted”", "  A   b  |b", "Smith's|smiths"})
    void squadNormalisation(String text, String normalized) {
        assertThat(SquadNormalizer.normalize(text)).isEqualTo(normalized);
    }
}
