/**
 * Avro in Confluent's wire format against any Confluent-compatible Schema Registry (Confluent, Apicurio's
 * ccompat API, Karapace), without Confluent's jars.
 *
 * <ul>
 *   <li>{@link io.divconq.registry.AvroSerdes} builds Kafka serdes for SpecificRecords
 *       ({@link io.divconq.registry.ConfluentAvroSerializer}, {@link io.divconq.registry.ConfluentAvroDeserializer});
 *       the byte layout lives in {@link io.divconq.registry.WireFormat}, subject naming in
 *       {@link io.divconq.registry.TopicNameStrategy}.</li>
 *   <li>{@link io.divconq.registry.SchemaRegistryClients#create} turns a URL into a
 *       {@link io.divconq.registry.SchemaRegistryClient}: {@link io.divconq.registry.HttpSchemaRegistryClient} for
 *       http(s), a shared {@link io.divconq.registry.InMemorySchemaRegistry} for {@code mock://scope}.</li>
 *   <li>{@link io.divconq.registry.SchemaRegistryServer} serves an InMemorySchemaRegistry over Confluent's REST API
 *       on 127.0.0.1 for the embedded default and tests.</li>
 * </ul>
 */
package io.divconq.registry;
