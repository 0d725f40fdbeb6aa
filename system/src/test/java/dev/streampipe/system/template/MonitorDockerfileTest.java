package dev.streampipe.system.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** hotkey-monitor/Dockerfile, read as its instructions (comments and line continuations resolved). */
class MonitorDockerfileTest {

    @Test
    void shouldRunJarAsNonRootOnTemurin21JreWhenImageIsBuilt() throws IOException {
        // GIVEN / WHEN
        List<String> instructions = instructions();

        // THEN
        assertThat(instructions).filteredOn(i -> i.startsWith("FROM ")).singleElement()
                .satisfies(from -> assertThat(from).matches("FROM eclipse-temurin:21(\\.[0-9.+_]+)?-jre.*"));
        assertThat(instructions).anySatisfy(i -> assertThat(i).startsWith("COPY target/hotkey-monitor.jar "));
        assertThat(instructions).filteredOn(i -> i.startsWith("USER ")).last()
                .satisfies(user -> assertThat(user).doesNotMatch("USER (root|0)(:.*)?"));
        assertThat(instructions).filteredOn(i -> i.startsWith("ENTRYPOINT ")).singleElement()
                .satisfies(entry -> assertThat(entry).startsWith("ENTRYPOINT [\"java\"")
                        .contains("\"-XX:+UseContainerSupport\"").contains("\"-jar\"")
                        .contains("hotkey-monitor.jar\"]"));
    }

    private static List<String> instructions() throws IOException {
        List<String> lines = Files.readAllLines(ProjectFiles.root().resolve("hotkey-monitor/Dockerfile"),
                StandardCharsets.UTF_8);
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1).strip() + " " : line);
            if (!continues) {
                instructions.add(current.toString());
                current.setLength(0);
            }
        }
        return instructions;
    }
}
