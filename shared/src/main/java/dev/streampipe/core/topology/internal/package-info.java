/**
 * The engine's side of a topology, not a user's API: {@link dev.streampipe.core.topology.internal.CompiledTopology}
 * selects the routes a record takes, maps them ({@link dev.streampipe.core.topology.internal.Routed}) and gives the
 * key sinks keep order within. The batch engine, the Lambda runtime and the benchmarks read a
 * {@link dev.streampipe.core.topology.Topology} through it; a user builds and describes a topology with the public
 * package only. Anything here may change without notice.
 */
package dev.streampipe.core.topology.internal;
