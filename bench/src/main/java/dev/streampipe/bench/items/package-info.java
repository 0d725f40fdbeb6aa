/**
 * Typed items against the untyped path: decode + route of one event through the same topology built over
 * {@code Item.string/number} and over an Enhanced Client bean ({@code streampipe-items}), and where the typed
 * path's time goes.
 */
package dev.streampipe.bench.items;
