package dev.streampipe.testing.aws;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension owning a {@link LoopbackAws}.
 *
 * <pre>{@code
 * @RegisterExtension
 * final LoopbackAwsExtension loopback = new LoopbackAwsExtension();   // fresh endpoint per test
 *
 * @Test
 * void shouldRetryFailedRecordsWhenFirehoseRejectsSome() {
 *     LoopbackAws aws = loopback.aws();
 *     ...
 * }
 * }</pre>
 *
 * <p>On an instance field the endpoint starts before each test and stops after it. On a {@code static} field it
 * starts once per class (shared with {@code @Nested} classes) and is {@link LoopbackAws#reset() reset} after each
 * test. Test and lifecycle methods may
 * also declare a {@link LoopbackAws} parameter.
 */
public final class LoopbackAwsExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private LoopbackAws aws;
    private boolean perClass;
    private int classDepth;

    /** The running endpoint. */
    public LoopbackAws aws() {
        if (aws == null) {
            throw new IllegalStateException("loopback endpoint is not running: use it inside a test");
        }
        return aws;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        if (classDepth++ == 0) {
            aws = LoopbackAws.start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            aws = LoopbackAws.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perClass) {
            aws.reset();
        } else {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LoopbackAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return aws();
    }

    private void stop() {
        if (aws != null) {
            aws.close();
            aws = null;
        }
    }
}
