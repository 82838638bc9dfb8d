package io.divconq.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread-safe Schema Registry held in memory, with Confluent's semantics: global ids are shared by every
 * subject that registers the same schema, each subject keeps its own version list, re-registering a schema
 * already under a subject returns its id without adding a version, and new versions must pass the
 * subject's {@link CompatibilityLevel} (default {@link CompatibilityLevel#BACKWARD}).
 *
 * <p>Two schemas are "the same" when their {@link Schema#toString()} JSON is equal, as in Confluent.
 * (Avro's Parsing Canonical Form would be wrong here: it drops defaults, which matter for evolution.)
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    /** Version number meaning "the latest version", as {@code -1} does in Confluent's API. */
    public static final int LATEST = -1;

    private static final Logger log = LoggerFactory.getLogger(InMemorySchemaRegistry.class);

    private record Version(int version, int id, String canonical) {
    }

    private final Object lock = new Object();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, List<Version>> versionsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int nextId = 1;

    public InMemorySchemaRegistry() {
        this(CompatibilityLevel.BACKWARD);
    }

    public InMemorySchemaRegistry(CompatibilityLevel globalLevel) {
        this.globalLevel = Objects.requireNonNull(globalLevel, "globalLevel");
    }

    @Override
    public int register(String subject, Schema schema) {
        String canonical = canonical(schema);
        synchronized (lock) {
            List<Version> versions = versionsBySubject.getOrDefault(subject, List.of());
            Optional<Version> existing = find(versions, canonical);
            if (existing.isPresent()) {
                return existing.get().id();
            }
            CompatibilityLevel level = effectiveCompatibility(subject);
            List<String> problems = level.incompatibilities(schema, schemasOf(versions));
            if (!problems.isEmpty()) {
                throw SchemaRegistryException.incompatible("Schema being registered is incompatible with an earlier schema"
                        + " for subject '" + subject + "' (compatibility " + level + "): " + String.join("; ", problems));
            }
            Integer known = idsByCanonical.get(canonical);
            int id;
            if (known != null) {
                id = known;
            } else {
                // Stores a private parsed copy: Schema objects are mutable (addProp) and the caller keeps theirs.
                Schema copy = parseCopy(canonical);
                id = nextId++;
                idsByCanonical.put(canonical, id);
                schemasById.put(id, copy);
            }
            int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
            versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(new Version(version, id, canonical));
            log.debug("Registered schema id {} as version {} of subject '{}'", id, version, subject);
            return id;
        }
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        return lookup(subject, schema).id();
    }

    /** The version of {@code subject} holding {@code schema}; 404 with 40401 (no subject) or 40403 (not under it). */
    public RegisteredSchema lookup(String subject, Schema schema) {
        String canonical = canonical(schema);
        synchronized (lock) {
            Version version = find(existingVersions(subject), canonical).orElseThrow(() ->
                    SchemaRegistryException.schemaNotFound("Schema not found under subject '" + subject + "'."));
            return toRegistered(subject, version);
        }
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw SchemaRegistryException.schemaNotFound("Schema " + id + " not found.");
        }
        return schema;
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        synchronized (lock) {
            List<Version> versions = versionsBySubject.getOrDefault(subject, List.of());
            return versions.isEmpty()
                    ? Optional.empty()
                    : Optional.of(toRegistered(subject, versions.get(versions.size() - 1)));
        }
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return incompatibilities(subject, schema, LATEST).isEmpty();
    }

    /**
     * Why {@code schema} is not compatible with one version ({@link #LATEST} allowed) of {@code subject} under the
     * subject's level; empty when it is. A subject without versions accepts anything when asked about LATEST.
     */
    public List<String> incompatibilities(String subject, Schema schema, int version) {
        synchronized (lock) {
            if (version == LATEST && versionsBySubject.getOrDefault(subject, List.of()).isEmpty()) {
                return List.of();
            }
            Schema target = schemaVersion(subject, version).schema();
            return effectiveCompatibility(subject).incompatibilities(schema, List.of(target));
        }
    }

    /** Why registering {@code schema} under {@code subject} would be refused; empty when it would be accepted. */
    public List<String> incompatibilitiesWithAllVersions(String subject, Schema schema) {
        synchronized (lock) {
            List<Version> versions = versionsBySubject.getOrDefault(subject, List.of());
            return effectiveCompatibility(subject).incompatibilities(schema, schemasOf(versions));
        }
    }

    /** Subject names in alphabetical order. */
    public List<String> subjects() {
        synchronized (lock) {
            return List.copyOf(versionsBySubject.keySet());
        }
    }

    /** Version numbers of {@code subject}, oldest first; 404 (40401) for an unknown subject. */
    public List<Integer> versions(String subject) {
        synchronized (lock) {
            return existingVersions(subject).stream().map(Version::version).toList();
        }
    }

    /** One version ({@link #LATEST} allowed) of {@code subject}; 404 with 40401 or 40402. */
    public RegisteredSchema schemaVersion(String subject, int version) {
        synchronized (lock) {
            List<Version> versions = existingVersions(subject);
            if (version == LATEST) {
                return toRegistered(subject, versions.get(versions.size() - 1));
            }
            return versions.stream()
                    .filter(v -> v.version() == version)
                    .findFirst()
                    .map(v -> toRegistered(subject, v))
                    .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
        }
    }

    /** Deletes every version of {@code subject} and returns their numbers; ids stay resolvable, as in Confluent. */
    public List<Integer> deleteSubject(String subject) {
        synchronized (lock) {
            List<Integer> deleted = versions(subject);
            versionsBySubject.remove(subject);
            return deleted;
        }
    }

    public CompatibilityLevel globalCompatibility() {
        synchronized (lock) {
            return globalLevel;
        }
    }

    public void setGlobalCompatibility(CompatibilityLevel level) {
        synchronized (lock) {
            globalLevel = Objects.requireNonNull(level, "level");
        }
    }

    /** The level set on {@code subject} itself, if any. */
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        synchronized (lock) {
            return Optional.ofNullable(subjectLevels.get(subject));
        }
    }

    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        synchronized (lock) {
            subjectLevels.put(subject, Objects.requireNonNull(level, "level"));
        }
    }

    /** Removes the subject's own level (it falls back to the global one) and returns what it was. */
    public Optional<CompatibilityLevel> clearSubjectCompatibility(String subject) {
        synchronized (lock) {
            return Optional.ofNullable(subjectLevels.remove(subject));
        }
    }

    /** The level that applies to {@code subject}: its own, else the global one. */
    public CompatibilityLevel effectiveCompatibility(String subject) {
        synchronized (lock) {
            return subjectLevels.getOrDefault(subject, globalLevel);
        }
    }

    private static String canonical(Schema schema) {
        return Objects.requireNonNull(schema, "schema").toString();
    }

    private static Schema parseCopy(String canonical) {
        try {
            return new Schema.Parser().parse(canonical);
        } catch (RuntimeException e) {
            throw SchemaRegistryException.invalidSchema("Invalid schema: " + e.getMessage(), e);
        }
    }

    private static Optional<Version> find(List<Version> versions, String canonical) {
        return versions.stream().filter(v -> v.canonical().equals(canonical)).findFirst();
    }

    private List<Version> existingVersions(String subject) {
        List<Version> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private List<Schema> schemasOf(List<Version> versions) {
        return versions.stream().map(v -> schemasById.get(v.id())).toList();
    }

    private RegisteredSchema toRegistered(String subject, Version version) {
        return new RegisteredSchema(subject, version.version(), version.id(), schemasById.get(version.id()));
    }
}
