package dev.streampipe.archfixture.hotkey.client;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Uses the AWS SDK inside {@code .client}, where the hot-key module's rule allows it, so
 * {@code dev.streampipe.hotkey.ArchitectureTest} can show the exception holds. Never used.
 */
public final class SdkInClientClass {
    private SdkInClientClass() {
    }

    static String text(AttributeValue value) {
        return value.s();
    }
}
