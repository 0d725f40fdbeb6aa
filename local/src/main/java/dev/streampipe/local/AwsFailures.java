package dev.streampipe.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What an AWS SDK failure means at the command line, in one line that names where the command was talking to:
 * a service that could not be reached ({@link EnvironmentException}: unknown host, connection refused, a timeout,
 * the service's own 5xx or throttling) or something to fix first ({@link BadInputException}: no credentials, a
 * client the SDK cannot configure, a request the service refused as invalid or forbidden).
 */
final class AwsFailures {
    private static final int LONGEST_REASON = 300;

    private AwsFailures() {
    }

    /** {@code e} as the exception the command line reports; {@code where} names the endpoint and the region. */
    static RuntimeException describe(SdkException e, String where) {
        if (e instanceof AwsServiceException refused) {
            AwsErrorDetails d = refused.awsErrorDetails();
            String text = (d == null || d.serviceName() == null ? "the service" : d.serviceName()) + " at " + where
                    + " refused the request (HTTP " + refused.statusCode() + "): " + (d == null ? e.getMessage()
                    : d.errorCode() + ": " + d.errorMessage());
            return refused.statusCode() >= 500 || refused.isThrottlingException()
                    ? new EnvironmentException(cut(text), e) : new BadInputException(cut(text), e);
        }
        IOException io = ioCause(e);
        if (io != null || e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new EnvironmentException("cannot reach AWS at " + where + ": " + reason(io, e), e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to load credentials")) {
            return new BadInputException("no AWS credentials for " + where + ": set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (an emulator takes any)", e);
        }
        return new BadInputException(cut("the AWS SDK cannot work with " + where + ": " + message), e);
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String reason(IOException io, SdkException e) {
        if (io instanceof UnknownHostException) {
            return "unknown host " + io.getMessage();
        }
        if (io instanceof ConnectException) {
            return "connection refused (" + io.getMessage() + ")";
        }
        if (io instanceof SocketTimeoutException || io == null) {
            return "timed out (" + (io == null ? e.getMessage() : io.getMessage()) + ")";
        }
        return io.toString();
    }

    private static String cut(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= LONGEST_REASON ? line : line.substring(0, LONGEST_REASON) + "...";
    }
}
