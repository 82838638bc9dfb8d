package io.divconq.scorer.labels;

import io.divconq.avro.Feedback;
import io.divconq.avro.LabelStats;
import io.divconq.avro.Score;
import io.divconq.common.topics.TopicCatalog;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The feedback topic as the latest label per problem, and an account of every label record: received, undecodable
 * (skipped), and per labelled problem whether it matches a score or not (an unmatched label is never counted).
 */
public final class LabelAccounting {

    /** The store of the latest label per problem: a correction replaces, a repeat never double counts. */
    public static final String LATEST_LABEL_STORE = "latest-label-by-problem-store";

    private static final String RECEIVED = "received";
    private static final String UNDECODABLE = "undecodable";
    private static final String MATCHED = "matched";
    private static final String UNMATCHED = "unmatched";

    /** The labels table and the label account, keyed by experiment. */
    public record Labels(KTable<String, Feedback> latest, KStream<String, LabelStats> account) {
    }

    private LabelAccounting() {
    }

    public static Labels wire(StreamsBuilder builder, TopicCatalog topics, KTable<String, Score> latestScores, String experiment) {
        KStream<String, byte[]> raw = builder.stream(topics.feedback().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("feedback-source"));
        KTable<String, LabelStats> arrivals = raw
                .mapValues(bytes -> decode(topics, bytes) == null ? UNDECODABLE : RECEIVED, Named.as("feedback-arrivals"))
                .groupBy((k, v) -> experiment, Grouped.with("feedback-arrivals-by-experiment", Serdes.String(), Serdes.String()))
                .aggregate(LabelAccounting::empty, (k, kind, agg) -> count(agg, kind, 1), Named.as("feedback-arrival-counts"),
                        Materialized.<String, LabelStats, KeyValueStore<Bytes, byte[]>>as("feedback-arrival-counts-store")
                                .withKeySerde(Serdes.String()).withValueSerde(topics.serde(LabelStats.class)));
        KTable<String, Feedback> latest = raw
                .flatMapValues(bytes -> {
                    Feedback f = decode(topics, bytes);
                    return f == null ? List.<Feedback>of() : List.of(f);
                }, Named.as("feedback-decoded"))
                .toTable(Named.as("latest-label-by-problem"), Materialized.<String, Feedback, KeyValueStore<Bytes, byte[]>>
                        as(LATEST_LABEL_STORE).withKeySerde(Serdes.String()).withValueSerde(topics.feedback().serde()));
        KTable<String, LabelStats> matching = latest
                .leftJoin(latestScores, (label, score) -> score == null ? UNMATCHED : MATCHED, Named.as("label-matches"))
                .groupBy((id, status) -> KeyValue.pair(experiment, status),
                        Grouped.with("label-matches-by-experiment", Serdes.String(), Serdes.String()))
                .aggregate(LabelAccounting::empty, (k, status, agg) -> count(agg, status, 1),
                        (k, status, agg) -> count(agg, status, -1), Named.as("label-match-counts"),
                        Materialized.<String, LabelStats, KeyValueStore<Bytes, byte[]>>as("label-match-counts-store")
                                .withKeySerde(Serdes.String()).withValueSerde(topics.serde(LabelStats.class)));
        KStream<String, LabelStats> account = arrivals
                .outerJoin(matching, LabelAccounting::combine, Named.as("label-account"))
                .toStream(Named.as("label-account-changes"))
                .filter((k, v) -> v != null, Named.as("label-account-present"));
        return new Labels(latest, account);
    }

    static LabelStats empty() {
        return new LabelStats(0L, 0L, 0L, 0L, 0L);
    }

    static LabelStats count(LabelStats agg, String kind, int sign) {
        LabelStats.Builder b = LabelStats.newBuilder(agg);
        switch (kind) {
            case RECEIVED -> b.setReceived(agg.getReceived() + sign);
            case UNDECODABLE -> b.setUndecodable(agg.getUndecodable() + sign);
            case MATCHED -> b.setMatched(agg.getMatched() + sign).setLabelledProblems(agg.getLabelledProblems() + sign);
            default -> b.setUnmatched(agg.getUnmatched() + sign).setLabelledProblems(agg.getLabelledProblems() + sign);
        }
        return b.build();
    }

    static LabelStats combine(LabelStats arrivals, LabelStats matching) {
        LabelStats a = arrivals == null ? empty() : arrivals;
        LabelStats m = matching == null ? empty() : matching;
        return new LabelStats(a.getReceived(), a.getUndecodable(), m.getLabelledProblems(), m.getMatched(), m.getUnmatched());
    }

    private static Feedback decode(TopicCatalog topics, byte[] bytes) {
        if (bytes == null) return null;
        try {
            Feedback f = topics.feedback().decode(bytes);
            return f == null || f.getProblemId() == null ? null : f;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
