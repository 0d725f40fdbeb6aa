/**
 * Fixtures for {@code dev.streampipe.system.arch.PublicApiOnlyTest}: one class that calls internal packages and
 * one that keeps to the public API, checked against the same rule rooted here. Test sources only.
 */
package dev.streampipe.archfixture.deployable;
