package io.divconq.common.testing;

import io.divconq.common.topics.Topic;
import io.divconq.common.topics.TopicCatalog;
import io.divconq.registry.SchemaRegistryClients;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The topic catalogue against a fresh in-memory registry (mock:// scope), as a real pipeline would use it. */
public final class TestTopics {

    private TestTopics() {
    }

    public static TopicCatalog fresh(String prefix) {
        return TopicCatalog.of(prefix, SchemaRegistryClients.create("mock://test-" + UUID.randomUUID(), Optional.empty()));
    }

    public static TopicCatalog fresh() {
        return fresh("");
    }

    /** A test driver's configuration: the application id, and a bootstrap address the driver never uses. */
    public static Properties driverConfig(String applicationId) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return p;
    }

    /** A test driver's input for a topic: string keys, the topic's value serde. */
    public static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), topic.serde().serializer());
    }

    /** A test driver's output for a topic: string keys, the topic's value serde. */
    public static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), topic.serde().deserializer());
    }
}
