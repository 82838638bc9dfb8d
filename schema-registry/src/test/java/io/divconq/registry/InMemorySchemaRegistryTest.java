package io.divconq.registry;

import static io.divconq.registry.TestSchemas.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private static final Schema BASE = record("Thing", "{\"name\": \"a\", \"type\": \"string\"}");
    private static final Schema ADD_WITH_DEFAULT = record("Thing",
            "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"string\", \"default\": \"x\"}");
    private static final Schema ADD_WITHOUT_DEFAULT = record("Thing",
            "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"string\"}");
    private static final Schema A_AS_INT = record("Thing", "{\"name\": \"a\", \"type\": \"int\"}");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void theSameSchemaUnderTwoSubjectsGetsOneIdAndADifferentSchemaAnother() {
        int first = registry.register("one-value", BASE);
        int second = registry.register("two-value", BASE);
        int other = registry.register("three-value", A_AS_INT);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(registry.schemaById(first)).isEqualTo(BASE);
    }

    @Test
    void identityIgnoresJsonLayoutButNotDefaults() {
        Schema reformatted = new Schema.Parser().parse("""
                { "fields" : [ { "type" : "string", "name" : "a" } ],
                  "namespace" : "io.divconq.registry.test", "name" : "Thing", "type" : "record" }""");
        Schema otherDefault = record("Thing",
                "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"string\", \"default\": \"y\"}");

        assertThat(registry.register("s", reformatted)).isEqualTo(registry.register("t", BASE));
        assertThat(registry.register("u", otherDefault)).isNotEqualTo(registry.register("v", ADD_WITH_DEFAULT));
    }

    @Test
    void reRegisteringReturnsTheIdAndAddsNoVersion() {
        int id = registry.register("s", BASE);
        registry.register("s", ADD_WITH_DEFAULT);

        assertThat(registry.register("s", BASE)).isEqualTo(id);
        assertThat(registry.versions("s")).containsExactly(1, 2);
        assertThat(registry.latest("s")).get().extracting(RegisteredSchema::version).isEqualTo(2);
        assertThat(registry.lookup("s", BASE)).isEqualTo(new RegisteredSchema("s", 1, id, BASE));
    }

    @Test
    void backwardIsTheDefaultAndRejectsANewFieldWithoutDefault() {
        registry.register("s", BASE);

        assertThat(registry.isCompatible("s", ADD_WITHOUT_DEFAULT)).isFalse();
        assertIncompatible(() -> registry.register("s", ADD_WITHOUT_DEFAULT), "BACKWARD", "READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(registry.register("s", ADD_WITH_DEFAULT)).isPositive();
    }

    @Test
    void forwardAcceptsANewRequiredFieldButRejectsRemovingOne() {
        registry.setGlobalCompatibility(CompatibilityLevel.FORWARD);
        registry.register("s", BASE);
        registry.register("s", ADD_WITHOUT_DEFAULT);
        Schema replaceBByC = record("Thing",
                "{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"c\", \"type\": \"string\", \"default\": \"z\"}");

        assertIncompatible(() -> registry.register("s", replaceBByC), "FORWARD", "READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(registry.versions("s")).containsExactly(1, 2);
    }

    @Test
    void fullNeedsBothDirections() {
        registry.setGlobalCompatibility(CompatibilityLevel.FULL);
        registry.register("s", BASE);

        assertIncompatible(() -> registry.register("s", ADD_WITHOUT_DEFAULT), "FULL", "b");
        assertThat(registry.register("s", ADD_WITH_DEFAULT)).isPositive();
        assertThat(registry.versions("s")).containsExactly(1, 2);
    }

    @Test
    void noneAcceptsAnything() {
        registry.setGlobalCompatibility(CompatibilityLevel.NONE);
        registry.register("s", BASE);

        registry.register("s", A_AS_INT);

        assertThat(registry.versions("s")).containsExactly(1, 2);
    }

    @Test
    void transitiveLevelsCheckEveryVersionPlainLevelsOnlyTheLatest() {
        Schema empty = record("Thing", "");
        Schema aAsIntWithDefault = record("Thing", "{\"name\": \"a\", \"type\": \"int\", \"default\": 0}");
        for (String subject : List.of("plain", "transitive")) {
            registry.register(subject, BASE);
            registry.register(subject, empty); // dropping 'a' is backward compatible
        }
        registry.setSubjectCompatibility("transitive", CompatibilityLevel.BACKWARD_TRANSITIVE);

        // Reads version 2 (no 'a': default 0) but not version 1 ('a' is a string).
        assertThat(registry.register("plain", aAsIntWithDefault)).isPositive();
        assertIncompatible(() -> registry.register("transitive", aAsIntWithDefault), "BACKWARD_TRANSITIVE", "/fields/0");
        assertThat(registry.incompatibilities("transitive", aAsIntWithDefault, 2)).isEmpty();
        assertThat(registry.incompatibilities("transitive", aAsIntWithDefault, 1)).isNotEmpty();
    }

    @Test
    void aSubjectLevelOverridesTheGlobalOneUntilCleared() {
        registry.register("s", BASE);
        registry.setSubjectCompatibility("s", CompatibilityLevel.NONE);

        assertThat(registry.effectiveCompatibility("s")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.effectiveCompatibility("other")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.isCompatible("s", A_AS_INT)).isTrue();

        assertThat(registry.clearSubjectCompatibility("s")).contains(CompatibilityLevel.NONE);
        assertThat(registry.isCompatible("s", A_AS_INT)).isFalse();
    }

    @Test
    void absentThingsFailWithConfluentErrorCodes() {
        registry.register("s", BASE);

        assertError(() -> registry.schemaById(42), SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertError(() -> registry.lookupId("nope", BASE), SchemaRegistryException.SUBJECT_NOT_FOUND);
        assertError(() -> registry.lookupId("s", A_AS_INT), SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertError(() -> registry.schemaVersion("s", 7), SchemaRegistryException.VERSION_NOT_FOUND);
        assertError(() -> registry.versions("nope"), SchemaRegistryException.SUBJECT_NOT_FOUND);
        assertThat(registry.latest("nope")).isEmpty();
        assertThat(registry.isCompatible("nope", A_AS_INT)).isTrue();
    }

    @Test
    void deletingASubjectKeepsItsIdsResolvable() {
        int id = registry.register("s", BASE);
        registry.register("s", ADD_WITH_DEFAULT);

        assertThat(registry.deleteSubject("s")).containsExactly(1, 2);

        assertThat(registry.subjects()).isEmpty();
        assertThat(registry.schemaById(id)).isEqualTo(BASE);
        assertThat(registry.register("s", A_AS_INT)).isPositive(); // no history left to be incompatible with
        assertThat(registry.register("t", BASE)).isEqualTo(id);
    }

    @Test
    void concurrentRegistrationsOfOneSchemaYieldOneIdAndOneVersion() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String subject = t % 2 == 0 ? "even" : "odd";
                ids.add(pool.submit(() -> {
                    start.await();
                    return registry.register(subject, BASE);
                }));
            }
            start.countDown();
            Set<Integer> distinct = ids.stream().map(InMemorySchemaRegistryTest::get).collect(Collectors.toSet());

            assertThat(distinct).hasSize(1);
            assertThat(registry.versions("even")).containsExactly(1);
            assertThat(registry.versions("odd")).containsExactly(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertIncompatible(ThrowingCallable call, String level, String detail) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                })
                .hasMessageContaining(level)
                .hasMessageContaining(detail);
    }

    private static void assertError(ThrowingCallable call, int errorCode) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo(errorCode);
        });
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
