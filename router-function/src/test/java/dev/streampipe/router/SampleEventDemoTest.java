package dev.streampipe.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Failure demo for SamBuildIT (reverted): an untagged unit test that reads the repository's events/. */
class SampleEventDemoTest {

    @Test
    void shouldReadSampleEventWhenBuilt() throws Exception {
        assertThat(Files.readString(Path.of("../events/turn-insert.json"))).contains("Records");
    }
}
