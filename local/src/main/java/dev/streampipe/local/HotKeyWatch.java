package dev.streampipe.local;

import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.KeyRate;
import java.util.List;

/** What the local run needs from the hot-key monitor running on the stream. */
interface HotKeyWatch extends AutoCloseable {
    /** Every transition published so far, oldest first. */
    List<AlertTransition> transitions();

    /** The hottest keys of {@code table} now. */
    List<KeyRate> topKeys(String table, int n);

    long recordsProcessed();

    @Override
    void close();
}
