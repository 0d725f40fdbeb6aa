/**
 * An orders stream function written only against the published core ({@code streampipe-shared}) and adapters
 * ({@code streampipe-aws}): {@link dev.streampipe.examples.orders.OrdersTopology} and a handler of a few lines.
 */
package dev.streampipe.examples.orders;
