/**
 * The Amazon Bedrock summarizer (Converse API through the SDK's {@code bedrockruntime} client).
 */
package dev.streampipe.summary.bedrock;
