package dev.streampipe.testing.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.testing.ddb.SessionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

@ExtendWith(MotoExtension.class)
class MotoParameterIT {

    @Test
    void shouldInjectWorkingClientsWhenDeclaredAsParameters(
            DynamoDbClient client, DynamoDbStreamsClient streams, MotoExtension ddb) {
        // GIVEN clients injected by the extension
        // WHEN a session table is created through the injected extension
        SessionTable table = ddb.createSessionTable();

        // THEN the injected clients see it and its stream
        assertThat(client.listTables().tableNames()).contains(table.name());
        assertThat(streams.listStreams(b -> b.tableName(table.name())).streams())
                .singleElement().satisfies(s -> assertThat(s.streamArn()).isEqualTo(table.streamArn()));
        assertThat(ddb.client()).isSameAs(client);
    }
}
