package dev.streampipe.archfixture.hotkey;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deliberately breaks the hot-key module's rule (the AWS SDK outside {@code .client}) twice, with an SDK core class
 * and a DynamoDB model class, so {@code dev.streampipe.hotkey.ArchitectureTest} can show the rule reports each.
 * Never used.
 */
public final class SdkInEngineClass {
    private SdkInEngineClass() {
    }

    static int size(SdkBytes bytes) {
        return bytes.asByteArray().length;
    }

    static String text(AttributeValue value) {
        return value.s();
    }
}
