package dev.streampipe.hotkey;

/**
 * Alert state of one partition key. {@code OK → HOT} when a rate exceeds its threshold;
 * {@code HOT → RECOVERED} once both rates stayed below the recovery fraction of the threshold
 * for the recovery hold; {@code RECOVERED → OK} (or straight back to {@code HOT} if still over
 * the threshold) only after the cooldown, so a key cannot re-alert within the cooldown.
 */
public enum KeyState {
    OK,
    HOT,
    RECOVERED
}
