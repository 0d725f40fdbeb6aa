/**
 * moto test fixture: a JUnit 5 extension ({@link dev.streampipe.testing.moto.MotoExtension}) that starts the
 * JVM's one moto server through {@link dev.streampipe.emulator.MotoServer}, resets it per test class and hands
 * out real SDK v2 clients. Shipped in the shared test-jar; consumers need {@code streampipe-emulator}, the SDK
 * {@code dynamodb} module, {@code url-connection-client} and JUnit Jupiter on their test classpath.
 */
package dev.streampipe.testing.moto;
