package io.divconq.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RetryingSchemaRegistryClientTest {

    private static final Schema SCHEMA = Schema.create(Schema.Type.STRING);

    /** Fails schemaById with the queued errors, then answers. */
    private static final class Flaky implements SchemaRegistryClient {
        final Deque<SchemaRegistryException> errors = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Schema schemaById(int id) {
            calls.incrementAndGet();
            SchemaRegistryException e = errors.poll();
            if (e != null) throw e;
            return SCHEMA;
        }

        @Override
        public int register(String subject, Schema schema) {
            return schemaById(0) == SCHEMA ? 7 : -1;
        }

        @Override
        public int lookupId(String subject, Schema schema) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<RegisteredSchema> latest(String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            throw new UnsupportedOperationException();
        }
    }

    private static SchemaRegistryException status(int status) {
        return new SchemaRegistryException(status, status == 0 ? 0 : status * 100 + 1, "status " + status);
    }

    private final Flaky flaky = new Flaky();
    private final RetryingSchemaRegistryClient client =
            new RetryingSchemaRegistryClient(flaky, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5));

    @Test
    void noAnswerAnd5xxAreRetriedUntilTheRegistryAnswers() {
        flaky.errors.add(status(SchemaRegistryException.NO_RESPONSE));
        flaky.errors.add(status(503));
        flaky.errors.add(status(500));
        flaky.errors.add(status(SchemaRegistryException.NO_RESPONSE));

        assertThat(client.schemaById(3)).isSameAs(SCHEMA);
        assertThat(client.register("s-value", SCHEMA)).isEqualTo(7);
        assertThat(flaky.calls).hasValue(6);
    }

    @Test
    void definitiveAnswersArePassedOnAtOnce() {
        flaky.errors.add(new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "no such id"));

        SchemaRegistryException e = catchThrowableOfType(() -> client.schemaById(3), SchemaRegistryException.class);

        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertThat(flaky.calls).hasValue(1);
    }

    @Test
    void givesUpOnlyAfterMaxWait() {
        RetryingSchemaRegistryClient impatient =
                new RetryingSchemaRegistryClient(flaky, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(100));
        for (int i = 0; i < 10_000; i++) flaky.errors.add(status(503));
        long start = System.nanoTime();

        SchemaRegistryException e = catchThrowableOfType(() -> impatient.schemaById(3), SchemaRegistryException.class);

        assertThat(e.status()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(flaky.calls.get()).isGreaterThan(5);
    }

    @Test
    void theDeserializerRaisesARegistryFaultNotASerializationErrorSoTheRecordIsNotDeadLettered() {
        for (int i = 0; i < 10_000; i++) flaky.errors.add(status(503));
        var deserializer = new ConfluentAvroDeserializer<>(io.divconq.registry.testtypes.Greeting.class,
                new RetryingSchemaRegistryClient(flaky, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(20)));
        byte[] wire = {0, 0, 0, 0, 42, 2, 'x'};

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> deserializer.deserialize("t", wire));

        assertThat(thrown).isExactlyInstanceOf(SchemaRegistryException.class);
        assertThat(((SchemaRegistryException) thrown).status()).isEqualTo(503);
    }
}
