/**
 * How the batch engine delivers, not part of the API: each sink adapted once into a delivery chain (failure types,
 * accepted memory, effect ledger, the sink), the routing of one batch into messages, the per-record failure state,
 * the deliveries and dead letters of one batch, and the stage listener that times them. Public only where
 * {@link dev.streampipe.core.batch.BatchEngine} needs it; nothing outside {@code dev.streampipe.core.batch} uses it.
 */
package dev.streampipe.core.batch.internal;
