/**
 * Fixtures for {@code dev.streampipe.hotkey.ArchitectureTest}: a class that breaks the hot-key module's rule (the AWS
 * SDK outside {@code .client}), one that keeps it, and one that uses the SDK where the rule allows it
 * ({@code .client}), checked against the same rule rooted here. Test sources only.
 */
package dev.streampipe.archfixture.hotkey;
