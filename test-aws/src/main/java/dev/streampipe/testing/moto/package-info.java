/**
 * moto test fixture: a JUnit 5 extension ({@link dev.streampipe.testing.moto.MotoExtension}) that starts the
 * JVM's one moto server through {@link dev.streampipe.emulator.MotoServer}, resets it per test class and hands
 * out real SDK v2 clients. Shipped in {@code streampipe-test-aws}, which brings {@code streampipe-emulator}, the
 * SDK {@code dynamodb} module, {@code url-connection-client} and the JUnit Jupiter API with it.
 */
package dev.streampipe.testing.moto;
