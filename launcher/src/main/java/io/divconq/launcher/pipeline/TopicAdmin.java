package io.divconq.launcher.pipeline;

import io.divconq.common.context.DivconqContext;
import io.divconq.common.topics.Topic;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalogue's topics, with their layouts, when they are missing; existing topics are left as they are. */
public final class TopicAdmin {

    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    /** The topics to create, as the catalogue lays them out under the configured partitions and replication. */
    static List<NewTopic> wanted(DivconqContext context) {
        int partitions = context.config().topics().partitions();
        short rf = context.config().topics().replicationFactor();
        return context.topics().all().stream()
                .map(t -> new NewTopic(t.name(), t.layout().partitions(partitions), rf).configs(t.layout().configs()))
                .toList();
    }

    public static void ensureTopics(DivconqContext context) {
        String bootstrapServers = context.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted(context).stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) return;
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
            log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
            awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Waits (up to 30 s) until the metadata names a leader for every partition of the new topics. A first produce may
     * still meet a leader that has not taken the partition over yet (NOT_LEADER_OR_FOLLOWER, retried): producers of
     * new topics keep one batch in flight (see ProblemProducer).
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean led;
            try {
                led = admin.describeTopics(names).allTopicNames().get().values().stream()
                        .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) throw e;
                led = false; // not in this broker's metadata yet
            }
            if (led) return;
            if (System.nanoTime() > deadline) {
                log.warn("topics {} still have partitions without a leader after 30 s", names);
                return;
            }
            Thread.sleep(50);
        }
    }
}
