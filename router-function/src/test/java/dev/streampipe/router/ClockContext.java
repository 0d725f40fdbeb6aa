package dev.streampipe.router;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A Lambda {@link Context} whose remaining time counts down on a (manual) clock to a fixed end. */
final class ClockContext implements Context {
    private final Clock clock;
    private final Instant end;

    ClockContext(Clock clock, Duration remaining) {
        this.clock = clock;
        this.end = clock.instant().plus(remaining);
    }

    Instant end() {
        return end;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(clock.instant(), end).toMillis());
    }

    @Override
    public String getAwsRequestId() {
        return "00000000-0000-0000-0000-000000000001";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/streampipe-router";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/20/[$LATEST]test";
    }

    @Override
    public String getFunctionName() {
        return "streampipe-router";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:streampipe-router";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
