package dev.streampipe.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateStackTest {
    private static final String TEMPLATE = """
            Parameters:
              QueueName:
                Type: String
                Default: orders
              BucketName:
                Type: String
                Default: ""
              Subnets:
                Type: CommaDelimitedList
                Default: "a,b"
            Conditions:
              HasBucketName: !Not [!Equals [!Ref BucketName, ""]]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub "${QueueName}-in"
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !If [HasBucketName, !Ref BucketName, !Ref AWS::NoValue]
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      QUEUE_URL: !Ref Queue
                      QUEUE_ARN: !GetAtt Queue.Arn
                      WHERE: !Sub "${AWS::Region}/${Queue.Arn}"
                      JOINED: !Join ["-", [!Ref QueueName, x]]
                  Subnets: !Ref Subnets
              Monitor:
                Type: AWS::ECS::Service
                Condition: HasBucketName
                Properties:
                  Name: m
            """;

    @TempDir
    Path dir;

    @Test
    void shouldResolveRefSubGetAttIfAndJoinWhenResourcesWereCreated() throws IOException {
        // GIVEN a stack whose queue was created
        TemplateStack stack = TemplateStack.read(write(TEMPLATE), Map.of());
        assertThat(stack.text("Queue", "QueueName")).isEqualTo("orders-in");
        stack.created("Queue", "http://q/orders-in", Map.of("Arn", "arn:aws:sqs:us-east-1:123456789012:orders-in"));

        // WHEN the function's environment is resolved
        var env = stack.property("Fn", "Environment").path("Variables");

        // THEN every intrinsic is evaluated as CloudFormation would
        assertThat(env.path("QUEUE_URL").asText()).isEqualTo("http://q/orders-in");
        assertThat(env.path("QUEUE_ARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:orders-in");
        assertThat(env.path("WHERE").asText()).isEqualTo("us-east-1/arn:aws:sqs:us-east-1:123456789012:orders-in");
        assertThat(env.path("JOINED").asText()).isEqualTo("orders-x");
        assertThat(stack.property("Fn", "Subnets").toString()).isEqualTo("[\"a\",\"b\"]");
        // AND AWS::NoValue removes the property, conditions decide which resources exist
        assertThat(stack.property("Bucket", "BucketName")).isNull();
        assertThat(stack.included("Monitor")).isFalse();
        assertThat(stack.included("Queue")).isTrue();
    }

    @Test
    void shouldUseOverridesBeforeDefaultsWhenParametersAreGiven() throws IOException {
        TemplateStack stack = TemplateStack.read(write(TEMPLATE), Map.of("BucketName", "my-bucket"));

        assertThat(stack.text("Bucket", "BucketName")).isEqualTo("my-bucket");
        assertThat(stack.included("Monitor")).isTrue();
        assertThatThrownBy(() -> TemplateStack.read(write(TEMPLATE), Map.of("NoSuchParameter", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoSuchParameter");
    }

    @Test
    void shouldNameThePathWhenAReferenceCannotBeResolved() throws IOException {
        // GIVEN a stack where the queue was never created
        TemplateStack stack = TemplateStack.read(write(TEMPLATE), Map.of());

        // WHEN / THEN the error names the property and the missing resource; nothing is guessed
        assertThatThrownBy(() -> stack.property("Fn", "Environment"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Fn.Properties.Environment.Variables.QUEUE_URL")
                .hasMessageContaining("Ref Queue");
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, text);
        return file;
    }
}
