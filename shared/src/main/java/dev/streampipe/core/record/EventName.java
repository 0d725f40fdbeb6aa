package dev.streampipe.core.record;

/** The kind of change a stream record describes. */
public enum EventName {
    INSERT, MODIFY, REMOVE
}
