package io.divconq.launcher.testing;

import io.divconq.avro.Decomposition;
import io.divconq.common.topics.TopicCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The committed decompositions topic read back (read_committed) and split: each problem's own decomposition (the last
 * seen) with how many there were, and how many shadow decompositions each problem has.
 */
public record CommittedDecompositions(Map<String, Decomposition> own, Map<String, Integer> ownCount, Map<String, Integer> shadows) {

    public static CommittedDecompositions read(String bootstrap, TopicCatalog topics) {
        CommittedDecompositions read = new CommittedDecompositions(new HashMap<>(), new HashMap<>(), new HashMap<>());
        TopicReader.forEach(bootstrap, topics.decompositions().name(), Duration.ofSeconds(2), (key, bytes) -> {
            Decomposition d = topics.decompositions().decode(bytes);
            if (d.getShadow()) {
                read.shadows.merge(key, 1, Integer::sum);
            } else {
                read.own.put(key, d);
                read.ownCount.merge(key, 1, Integer::sum);
            }
        });
        return read;
    }
}
