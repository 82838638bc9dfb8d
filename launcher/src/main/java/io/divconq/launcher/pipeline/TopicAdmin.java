package io.divconq.launcher.pipeline;

import io.divconq.common.config.DivconqConfig;
import io.divconq.common.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the pipeline's topics when they are missing; existing topics are left as they are. */
public final class TopicAdmin {

    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    public static void ensureTopics(String bootstrapServers, DivconqConfig config) {
        Topics topics = new Topics(config.topics().prefix());
        int partitions = config.topics().partitions();
        short rf = config.topics().replicationFactor();
        List<NewTopic> wanted = new ArrayList<>();
        for (String t : topics.eventTopics()) wanted.add(new NewTopic(t, partitions, rf));
        for (String t : topics.compactedTopics()) {
            wanted.add(new NewTopic(t, partitions, rf).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        // Every weight change stays on record; results keep the latest state per experiment.
        wanted.add(new NewTopic(topics.experimentControl(), 1, rf).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
        wanted.add(new NewTopic(topics.experimentResults(), 1, rf)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) return;
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
            log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers + ": " + e.getCause().getMessage(), e);
        }
    }
}
