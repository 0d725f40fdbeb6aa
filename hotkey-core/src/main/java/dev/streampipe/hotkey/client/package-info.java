/**
 * The hot-key engine on the application's side: {@link dev.streampipe.hotkey.client.ClientHotKeyDetector} (the
 * reference detector's API: record reads and writes, counts and rates, per-table and per-model thresholds, clear,
 * warning line, EMF, alert sinks, throughput advice) and its SDK v2
 * {@link dev.streampipe.hotkey.client.HotKeyInterceptor}, added to a {@code DynamoDbClient} in one line:
 * {@code detector.instrument(DynamoDbClient.builder()).build()}. An application adds this module, not the KCL
 * monitor; it needs the SDK's DynamoDB client, jackson and slf4j only. {@link dev.streampipe.hotkey.client.SdkItemSize}
 * sizes SDK items for it and for the monitor. The only package of the module that uses the AWS SDK.
 */
package dev.streampipe.hotkey.client;
