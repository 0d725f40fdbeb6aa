/**
 * The DynamoDB adapter of the summary function: reads a window's turns and writes its summary, once.
 */
package dev.streampipe.summary.dynamodb;
