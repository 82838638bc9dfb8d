package io.divconq.common.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.divconq.avro.Problem;
import io.divconq.common.testing.TestProblems;
import io.divconq.common.testing.TestTopics;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    private final TopicCatalog topics = TestTopics.fresh("p.");

    @Test
    void listsEveryTopicWithItsPrefixedNameAndLayout() {
        TopicLayout events = TopicLayout.events();
        TopicLayout latest = TopicLayout.latestPerKey();
        assertThat(topics.all()).extracting(Topic::name, Topic::layout).containsExactly(
                tuple("p.problems", events),
                tuple("p.decompositions", events),
                tuple("p.solutions", events),
                tuple("p.scores", events),
                tuple("p.dlq", events),
                tuple("p.feedback", events),
                tuple("p.arm-stats", latest),
                tuple("p.arm-stats-windowed", latest),
                tuple("p.experiment-control", new TopicLayout(1, false, true)),
                tuple("p.experiment-results", new TopicLayout(1, true, false)),
                tuple("p.distill-examples", latest),
                tuple("p.dlq-replays", latest));
    }

    @Test
    void layoutsBecomeBrokerConfigs() {
        assertThat(TopicLayout.events().configs()).isEmpty();
        assertThat(topics.experimentResults().layout().configs()).containsExactly(java.util.Map.entry("cleanup.policy", "compact"));
        assertThat(topics.experimentControl().layout().configs()).containsExactly(java.util.Map.entry("retention.ms", "-1"));
        assertThat(TopicLayout.events().partitions(6)).isEqualTo(6);
        assertThat(topics.experimentControl().layout().partitions(6)).isEqualTo(1);
    }

    @Test
    void valuesRoundTripThroughTheTopicSerde() {
        Problem p = TestProblems.eggs("p1");
        assertThat(topics.problems().decode(topics.problems().encode(p))).isEqualTo(p);
    }

    @Test
    void applicationIdsShareThePrefix() {
        assertThat(topics.applicationId("scorer")).isEqualTo("p.divconq-scorer");
        assertThat(TestTopics.fresh().applicationId("scorer")).isEqualTo("divconq-scorer");
    }
}
