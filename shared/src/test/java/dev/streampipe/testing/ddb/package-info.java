/**
 * DynamoDB Local test fixture: one in-process DynamoDB Local 3.3.1 server per JVM
 * ({@link dev.streampipe.testing.ddb.DynamoDbLocalServer}), a JUnit 5 extension handing out real SDK v2
 * clients ({@link dev.streampipe.testing.ddb.DynamoDbLocalExtension}), and helpers creating the session
 * and ledger tables under unique names ({@link dev.streampipe.testing.ddb.LocalTables}).
 *
 * <p>Shipped in the shared test-jar. Consumers need {@code DynamoDBLocal}, the SDK {@code dynamodb}
 * module (with any sync HTTP client) and JUnit Jupiter on their test classpath.
 */
package dev.streampipe.testing.ddb;
