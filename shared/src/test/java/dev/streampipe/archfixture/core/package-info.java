/**
 * Fixtures for {@code dev.streampipe.core.ArchitectureTest}: one class that breaks the pure-core rule and one that
 * keeps it, checked against the same rule rooted here. Test sources only.
 */
package dev.streampipe.archfixture.core;
