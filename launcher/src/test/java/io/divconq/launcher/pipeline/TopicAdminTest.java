package io.divconq.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.divconq.common.config.ConfigLoader;
import io.divconq.common.context.DivconqContext;
import io.divconq.common.config.DivconqConfig;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicAdminTest {

    @Test
    void createsEveryCatalogueTopicWithItsLayout() {
        DivconqConfig config = ConfigLoader.defaults().topicPrefix("x.").schemaRegistryUrl("mock://topic-admin-test").build();
        DivconqContext context = DivconqContext.create(config, "unused:9092", name -> null);
        int p = config.topics().partitions();
        Map<String, String> compact = Map.of("cleanup.policy", "compact");
        assertThat(TopicAdmin.wanted(context)).extracting(NewTopic::name, NewTopic::numPartitions, NewTopic::configs).containsExactly(
                tuple("x.problems", p, Map.of()),
                tuple("x.decompositions", p, Map.of()),
                tuple("x.solutions", p, Map.of()),
                tuple("x.scores", p, Map.of()),
                tuple("x.dlq", p, Map.of()),
                tuple("x.feedback", p, Map.of()),
                tuple("x.arm-stats", p, compact),
                tuple("x.arm-stats-windowed", p, compact),
                tuple("x.experiment-control", 1, Map.of("retention.ms", "-1")),
                tuple("x.experiment-results", 1, compact),
                tuple("x.distill-examples", p, compact),
                tuple("x.dlq-replays", p, compact));
        assertThat(TopicAdmin.wanted(context)).extracting(NewTopic::replicationFactor)
                .containsOnly(config.topics().replicationFactor());
    }
}
