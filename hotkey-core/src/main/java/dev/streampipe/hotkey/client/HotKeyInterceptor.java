package dev.streampipe.hotkey.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;

/**
 * An SDK v2 {@link ExecutionInterceptor} for a {@code DynamoDbClient} (and the Enhanced Client built on it) that
 * reports every successful single-item, batch, transaction, query and scan call to a
 * {@link ClientHotKeyDetector} (see {@link CallAttribution} for the units), and every throttled call with
 * DynamoDB's {@code ThrottlingReasons}. Add it with {@link ClientHotKeyDetector#instrument} or
 * {@code overrideConfiguration(c -> c.addExecutionInterceptor(detector.interceptor()))}.
 *
 * <p>Contract: the interceptor never fails or changes the application's call. It reads the request and
 * response in {@code afterExecution} and the exception in {@code onExecutionFailure}; anything it throws
 * (including a {@link LinkageError} from a mismatched SDK) is caught, counted and logged by the detector.
 * It does not modify requests: to get {@code ConsumedCapacity} the application sets
 * {@code ReturnConsumedCapacity} itself. A throttled attempt the SDK retried successfully is not seen: only a
 * call that failed after its retries reaches {@code onExecutionFailure}. Thread-safe; no state of its own.
 */
public final class HotKeyInterceptor implements ExecutionInterceptor {

    private final CallAttribution attribution;
    private final CallRecorder recorder;

    HotKeyInterceptor(KeySchemas schemas, CallRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.attribution = new CallAttribution(schemas, recorder);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        try {
            attribution.attribute(context.request(), context.response());
        } catch (RuntimeException | LinkageError e) {
            failed(attributes, e);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        try {
            if (context.exception() instanceof DynamoDbException e && isThrottling(e)) {
                String[] target = attribution.target(context.request());
                if (target != null) {
                    recorder.throttled(target[0], target[1], reasons(e));
                }
            }
        } catch (RuntimeException | LinkageError e) {
            failed(attributes, e);
        }
    }

    private void failed(ExecutionAttributes attributes, Throwable e) {
        try {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            recorder.interceptorFailed(operation == null ? "unknown" : operation, e);
        } catch (RuntimeException ignoredToo) {
            // The detector's own failure report failed; the application's call must still go on.
        }
    }

    private static boolean isThrottling(DynamoDbException e) {
        return e instanceof ProvisionedThroughputExceededException || e instanceof ThrottlingException
                || e instanceof RequestLimitExceededException || e.isThrottlingException();
    }

    /** The typed reasons of the 2.41 SDK model (ThrottlingReasons in the error body). */
    static List<String> reasons(DynamoDbException e) {
        List<ThrottlingReason> typed = List.of();
        if (e instanceof ProvisionedThroughputExceededException p && p.hasThrottlingReasons()) {
            typed = p.throttlingReasons();
        } else if (e instanceof ThrottlingException t && t.hasThrottlingReasons()) {
            typed = t.throttlingReasons();
        } else if (e instanceof RequestLimitExceededException r && r.hasThrottlingReasons()) {
            typed = r.throttlingReasons();
        }
        List<String> out = new ArrayList<>(typed.size());
        for (ThrottlingReason reason : typed) {
            if (reason.reason() != null) {
                out.add(reason.reason());
            }
        }
        return out;
    }
}
