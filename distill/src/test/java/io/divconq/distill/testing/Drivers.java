package io.divconq.distill.testing;

import io.divconq.common.config.ExperimentConfig;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.distill.stream.DistillTopology;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/** The distill stream (and its rollout controller) under a TopologyTestDriver. */
public final class Drivers {

    private Drivers() {
    }

    public static TopologyTestDriver distill(TopicCatalog topics, ExperimentConfig experiment) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "distill-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(DistillTopology.build(StageSettings.of(topics), experiment), p);
    }
}
