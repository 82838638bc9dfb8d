package io.divconq.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out registry faults: a call that gets no answer (connection refused, timeout) or a 5xx/408/429 is retried
 * with exponential backoff (from {@code initialBackoff} doubling to {@code maxBackoff}) until it gets a definitive
 * answer or {@code maxWait} has passed, so a stream blocks while its registry blinks instead of dead-lettering or
 * dying. Definitive answers (404 unknown id, 409 incompatible, 422 invalid) are passed on at once. The wait is logged
 * when it starts, every {@value #LOG_EVERY_SECONDS} s and when the registry answers again.
 */
public final class RetryingSchemaRegistryClient implements SchemaRegistryClient, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetryingSchemaRegistryClient.class);
    private static final long LOG_EVERY_SECONDS = 10;

    /** 100 ms doubling to 5 s, for up to 4 minutes (under Kafka's default max.poll.interval.ms of 5 minutes). */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(4);

    private final SchemaRegistryClient delegate;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxWait;

    public RetryingSchemaRegistryClient(SchemaRegistryClient delegate) {
        this(delegate, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_WAIT);
    }

    public RetryingSchemaRegistryClient(SchemaRegistryClient delegate, Duration initialBackoff, Duration maxBackoff,
                                        Duration maxWait) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxWait = maxWait;
    }

    /** True for failures that say nothing about the request: no answer, or the registry is unwell. */
    public static boolean isTransient(SchemaRegistryException e) {
        int status = e.status();
        return status == SchemaRegistryException.NO_RESPONSE || status >= 500 || status == 408 || status == 429;
    }

    @Override
    public int register(String subject, Schema schema) {
        return retry("register " + subject, () -> delegate.register(subject, schema));
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        return retry("look up " + subject, () -> delegate.lookupId(subject, schema));
    }

    @Override
    public Schema schemaById(int id) {
        return retry("fetch schema id " + id, () -> delegate.schemaById(id));
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        return retry("read latest " + subject, () -> delegate.latest(subject));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return retry("check compatibility of " + subject, () -> delegate.isCompatible(subject, schema));
    }

    /** Closes the wrapped client if it holds resources. */
    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "Retrying[" + delegate + "]";
    }

    private <T> T retry(String what, Supplier<T> call) {
        long start = System.nanoTime();
        long nextLog = 0;
        Duration backoff = initialBackoff;
        int failures = 0;
        while (true) {
            try {
                T result = call.get();
                if (failures > 0) {
                    log.info("Schema Registry answered again: {} succeeded after {} failed attempt(s) over {} ms", what,
                            failures, Duration.ofNanos(System.nanoTime() - start).toMillis());
                }
                return result;
            } catch (SchemaRegistryException e) {
                long waited = System.nanoTime() - start;
                if (!isTransient(e) || waited >= maxWait.toNanos()) {
                    throw e;
                }
                failures++;
                if (waited >= nextLog) {
                    log.warn("Schema Registry unavailable ({}); waiting to {} (retrying, {} s so far)", e.getMessage(), what,
                            Duration.ofNanos(waited).toSeconds());
                    nextLog = waited + Duration.ofSeconds(LOG_EVERY_SECONDS).toNanos();
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
                    "interrupted while waiting for the Schema Registry", e);
        }
    }
}
