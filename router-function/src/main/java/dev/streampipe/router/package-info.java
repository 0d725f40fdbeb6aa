/**
 * The stream router Lambda: the handler, its configuration and wiring, and the session routes (docs/design.md §3) as a
 * topology. AWS adapters for its sinks live in {@code dev.streampipe.aws}.
 */
package dev.streampipe.router;
