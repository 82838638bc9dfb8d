package io.divconq.distill.testing;

import io.divconq.common.config.ExperimentConfig;
import io.divconq.common.streams.StageSettings;
import io.divconq.common.testing.TestTopics;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.distill.stream.DistillTopology;
import org.apache.kafka.streams.TopologyTestDriver;

/** The distill stream (and its rollout controller) under a TopologyTestDriver. */
public final class Drivers {

    private Drivers() {
    }

    public static TopologyTestDriver distill(TopicCatalog topics, ExperimentConfig experiment) {
        return new TopologyTestDriver(DistillTopology.build(StageSettings.of(topics), experiment), TestTopics.driverConfig("distill-test"));
    }
}
