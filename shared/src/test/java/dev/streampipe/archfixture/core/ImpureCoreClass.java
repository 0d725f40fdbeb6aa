package dev.streampipe.archfixture.core;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.streampipe.archfixture.adapter.AdapterClass;
import java.time.Instant;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Deliberately breaks the pure-core rule three ways (a Lambda event class, an AWS SDK class, a streampipe class
 * outside its core package), so {@code ArchitectureTest} can show the rule reports each. Never used.
 */
public final class ImpureCoreClass {
    private ImpureCoreClass() {
    }

    static int records(DynamodbEvent event) {
        return event.getRecords().size();
    }

    static byte[] bytes(SdkBytes bytes) {
        return bytes.asByteArray();
    }

    static Instant now() {
        return AdapterClass.now();
    }
}
