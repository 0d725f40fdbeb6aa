package dev.streampipe.monitor.stream;

/**
 * The instant a write is counted at. {@code PROCESSING}: when the monitor reads it, so rates stay live
 * while the monitor lags, but a backlog read at once looks like a burst. {@code CREATION}: the record's
 * approximate creation time, so a backlog older than the window is dropped rather than alerted; on AWS
 * it has second precision.
 */
public enum EventTime {
    PROCESSING,
    CREATION
}
