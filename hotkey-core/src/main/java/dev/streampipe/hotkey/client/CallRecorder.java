package dev.streampipe.hotkey.client;

import java.util.List;

/** What the interceptor reports per attributed call; {@link ClientHotKeyDetector} implements it. */
interface CallRecorder {

    /** One write of {@code wcu} to {@code key} of {@code table}. */
    void write(String table, String key, double wcu);

    /** One read of {@code rcu}; {@code key} null for a scan (the table, no key). */
    void read(String table, String key, double rcu);

    /** One throttled call; {@code key} null when the call named several keys or none. */
    void throttled(String table, String key, List<String> reasons);

    /** The interceptor failed on {@code operation}; the application's call went on. */
    void interceptorFailed(String operation, Throwable failure);
}
