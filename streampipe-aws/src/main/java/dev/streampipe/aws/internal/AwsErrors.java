package dev.streampipe.aws.internal;

import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.RetryableSinkException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Tells retryable AWS failures from permanent ones, for whole calls and for per-entry error codes. */
public final class AwsErrors {
    private static final Set<String> RETRYABLE_CODES = Set.of("ThrottlingException", "Throttling",
            "ServiceUnavailableException", "ServiceUnavailable", "InternalFailure", "InternalError",
            "InternalServerError", "InternalException", "TooManyRequestsException", "RequestLimitExceeded",
            "KMSThrottlingException", "ProvisionedThroughputExceededException", "RequestTimeout");

    private AwsErrors() {
    }

    /**
     * A whole call failed. Every failure of a whole call is reported retryable: throttling and 5xx pass by
     * themselves, and a configuration error (access denied, missing resource) must not dead-letter records —
     * they wait in the stream, and the router's error and IteratorAge alarms fire, until it is fixed.
     */
    public static RetryableSinkException wholeCall(String operation, SdkException e) {
        String detail;
        if (e instanceof AwsServiceException ase) {
            detail = ase.awsErrorDetails() == null ? ase.getMessage()
                    : ase.awsErrorDetails().errorCode() + " (HTTP " + ase.statusCode() + "): " + ase.awsErrorDetails().errorMessage();
        } else if (e instanceof SdkClientException) {
            detail = "client error: " + e.getMessage();
        } else {
            detail = e.getMessage();
        }
        return new RetryableSinkException(operation + " failed: " + detail, e);
    }

    /**
     * Whether a failed call may pass when made again: a client-side failure (I/O, a timeout), HTTP 5xx or 429, or a
     * throttling or transaction-conflict error code. Access denied, a missing resource or a validation error will
     * not pass by themselves.
     */
    public static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            return ase.statusCode() >= 500 || ase.statusCode() == 429 || ase.isThrottlingException()
                    || (code != null && (RETRYABLE_CODES.contains(code) || "TransactionConflictException".equals(code)
                    || "TransactionInProgressException".equals(code)));
        }
        return e instanceof SdkClientException;
    }

    /** {@code <code> (HTTP <status>): <message>} for a service error, the message otherwise. */
    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException ase) {
            return ase.awsErrorDetails() == null ? ase.getMessage()
                    : ase.awsErrorDetails().errorCode() + " (HTTP " + ase.statusCode() + "): "
                    + ase.awsErrorDetails().errorMessage();
        }
        return e instanceof SdkClientException ? "client error: " + e.getMessage() : e.getMessage();
    }

    /** One entry failed with {@code code}; {@code senderFault} when the service says the entry itself is bad. */
    public static Failure entry(String code, String message, boolean senderFault) {
        String reason = code + ": " + message;
        if (code != null && RETRYABLE_CODES.contains(code)) {
            return Failure.retryable(reason);
        }
        return senderFault ? Failure.permanent(reason) : Failure.retryable(reason);
    }

    /**
     * Failures of a batch API that answers with one result per request entry, in order (Firehose, EventBridge):
     * an entry whose result has an error code failed; a missing result counts as a retryable failure.
     */
    public static <E, R> java.util.Map<E, Failure> byPosition(java.util.List<E> sent, java.util.List<R> results,
            java.util.function.Function<R, String> errorCode, java.util.function.Function<R, String> errorMessage,
            boolean senderFault) {
        java.util.Map<E, Failure> failed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            R r = i < results.size() ? results.get(i) : null;
            if (r == null) {
                failed.put(sent.get(i), Failure.retryable("no result for entry " + i));
            } else if (errorCode.apply(r) != null) {
                failed.put(sent.get(i), entry(errorCode.apply(r), errorMessage.apply(r), senderFault));
            }
        }
        return failed;
    }
}
