/**
 * Table helpers for tests on any DynamoDB endpoint (moto in this project): the session and ledger tables
 * created under JVM-unique names ({@link dev.streampipe.testing.ddb.LocalTables}) and their descriptions.
 * Shipped in {@code streampipe-test-aws}.
 */
package dev.streampipe.testing.ddb;
