package dev.streampipe.system.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SamConfigTest {

    @Test
    void shouldDeployWithIamCapabilityAndChangesetConfirmationWhenDefaultProfileIsUsed() throws IOException {
        // GIVEN / WHEN
        JsonNode config = new TomlMapper().readTree(ProjectFiles.root().resolve("samconfig.toml").toFile());
        JsonNode deploy = config.path("default").path("deploy").path("parameters");

        // THEN
        assertThat(config.path("version").asDouble()).isEqualTo(0.1);
        assertThat(config.path("default").path("global").path("parameters").path("stack_name").asText())
                .isEqualTo("streampipe");
        assertThat(deploy.path("capabilities").asText()).isEqualTo("CAPABILITY_IAM");
        assertThat(deploy.path("resolve_s3").asBoolean()).isTrue();
        assertThat(deploy.path("confirm_changeset").asBoolean()).isTrue();
    }
}
