package dev.streampipe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class MotoServerIT {

    @Test
    void shouldServeDynamoDbUntilResetAndStopWhenClosed(@TempDir Path dir) {
        // GIVEN a started server
        MotoServer server = MotoServer.start(MotoServer.Options.logTo(dir.resolve("moto.log")));
        int port = server.port();
        ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
        try (DynamoDbClient client = server.configure(DynamoDbClient.builder())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            // WHEN a table is created, then the state is reset
            client.createTable(b -> b.tableName("t")
                    .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH))
                    .billingMode("PAY_PER_REQUEST"));
            assertThat(client.listTables().tableNames()).containsExactly("t");
            server.reset();

            // THEN the table is gone
            assertThat(client.listTables().tableNames()).isEmpty();
        } finally {
            server.close();
        }
        // AND the process is gone, its requests logged to the file
        assertThat(process.isAlive()).isFalse();
        assertThat(dir.resolve("moto.log")).content().contains("Running on http://127.0.0.1:" + port, "POST /moto-api/reset");
        server.close(); // idempotent
    }

    @Test
    void shouldStopTheServerWhenTheParentJvmDiesWithoutShutdownHooks(@TempDir Path dir) throws Exception {
        // GIVEN a child JVM that starts a server, prints its pid and halts (no hooks run, as on SIGKILL)
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HaltingParent.class.getName(),
                dir.resolve("moto.log").toString())
                .redirectErrorStream(true).start();
        long motoPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            motoPid = Long.parseLong(out.readLine().strip());
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // WHEN the parent is gone THEN the server exits on its own within a few seconds
        Optional<ProcessHandle> moto = ProcessHandle.of(motoPid);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (moto.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(moto.map(ProcessHandle::isAlive).orElse(false)).as("moto pid %d still alive", motoPid).isFalse();
    }

    @Test
    void shouldNameTheInstallCommandWhenPythonIsMissing(@TempDir Path dir) {
        // GIVEN a Python executable that does not exist
        MotoServer.Options options = MotoServer.Options.logTo(dir.resolve("moto.log"))
                .withPython(dir.resolve("no-such-python3").toString());

        // WHEN / THEN
        assertThatThrownBy(() -> MotoServer.start(options))
                .isInstanceOf(MotoUnavailableException.class)
                .hasMessageContaining("no-such-python3 was not found")
                .hasMessageContaining("python3 -m pip install 'moto[server]>=5.1'");
    }

    @Test
    void shouldNameTheInstallCommandWhenMotoIsNotInstalled(@TempDir Path dir) throws IOException {
        // GIVEN a "python" that fails the import as a Python without moto does
        Path fake = dir.resolve("python3");
        Files.writeString(fake, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'moto'\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        MotoServer.Options options = MotoServer.Options.logTo(dir.resolve("moto.log")).withPython(fake.toString());

        // WHEN / THEN
        assertThatThrownBy(() -> MotoServer.start(options))
                .isInstanceOf(MotoUnavailableException.class)
                .hasMessageContaining("No module named 'moto'")
                .hasMessageContaining("Install it with: python3 -m pip install 'moto[server]>=5.1'");
    }

    @Test
    void shouldRefuseAMotoOlderThanFivePointOne() {
        assertThat(MotoServer.atLeast("5.2.1", new int[] {5, 1})).isTrue();
        assertThat(MotoServer.atLeast("5.1.0.dev3", new int[] {5, 1})).isTrue();
        assertThat(MotoServer.atLeast("5.0.28", new int[] {5, 1})).isFalse();
        assertThat(MotoServer.atLeast("4.2.14", new int[] {5, 1})).isFalse();
        assertThat(MotoServer.atLeast("garbage", new int[] {5, 1})).isFalse();
    }

    /** Starts a server, prints its pid and halts the JVM without running shutdown hooks. */
    public static final class HaltingParent {
        public static void main(String[] args) {
            MotoServer server = MotoServer.start(MotoServer.Options.logTo(Path.of(args[0])));
            System.out.println(server.pid());
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
