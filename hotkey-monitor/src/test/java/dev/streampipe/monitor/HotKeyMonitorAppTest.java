package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class HotKeyMonitorAppTest {

    @Test
    void shouldGiveTheFailureAndItsRootCauseOnOneShortLineWhenTheMonitorCannotStart() {
        // GIVEN a start failure three levels deep, with a multi-line message and a huge root message
        RuntimeException failure = new RuntimeException("lease table cannot be prepared\nsee the log",
                new IllegalStateException("wrapped", new ConnectException("Connection refused " + "x".repeat(10_000))));
        // WHEN described
        String reason = HotKeyMonitorApp.reason(failure);
        // THEN the first line of each end of the chain, bounded
        assertThat(reason).startsWith("RuntimeException: lease table cannot be prepared (caused by ConnectException: "
                + "Connection refused xxx").endsWith("... (10098 characters in all)").hasSizeLessThan(450)
                .doesNotContain("\n", "wrapped");
    }
}
