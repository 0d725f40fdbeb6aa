/**
 * Fixtures for {@code dev.streampipe.core.ArchitectureTest}'s layering rule, a miniature core with the same layers
 * ({@code record}, {@code decode}, {@code topology} with its {@code internal}, {@code batch}, and the leaf
 * {@code json}): the {@code Layer*} classes keep to the layering; {@code record.UpwardRecord} (a record reaching
 * up), {@code json.RecordAwareJson} (the leaf reading a layer) and {@code topology.internal.BatchAwareInternal} (an
 * internal package reaching up) break it. Test sources only; left out of the shared test-jar.
 */
package dev.streampipe.archfixture.layers;
