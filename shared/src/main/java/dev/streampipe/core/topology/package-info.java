/**
 * A Kafka-Streams-style topology for change records: named multicast routes that every record takes, and named
 * splits whose first-matching branch (or the default branch) takes it. Each route maps a record to at most one
 * {@link dev.streampipe.core.topology.Payload} for a named sink. Declared once, tested without AWS. A user builds a
 * {@link dev.streampipe.core.topology.Topology} and reads it ({@code describe()}, {@code routes()}, {@code sinks()});
 * the runtime routes records through its internal form in {@code dev.streampipe.core.topology.internal}.
 */
package dev.streampipe.core.topology;
