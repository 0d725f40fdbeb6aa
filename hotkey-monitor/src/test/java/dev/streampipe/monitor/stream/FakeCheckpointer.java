package dev.streampipe.monitor.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.processor.Checkpointer;
import software.amazon.kinesis.processor.PreparedCheckpointer;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * Counts {@code checkpoint()} calls; failures can be queued and are thrown by the next calls. Other
 * checkpoint forms are not used by the processor and fail the test if called.
 */
final class FakeCheckpointer implements RecordProcessorCheckpointer {

    private final Deque<Exception> failures = new ArrayDeque<>();
    private int checkpoints;
    private int attempts;

    void failNextWith(Exception failure) {
        failures.add(failure);
    }

    int checkpoints() {
        return checkpoints;
    }

    int attempts() {
        return attempts;
    }

    @Override
    public void checkpoint()
            throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
        attempts++;
        Exception failure = failures.poll();
        if (failure instanceof ThrottlingException e) {
            throw e;
        }
        if (failure instanceof ShutdownException e) {
            throw e;
        }
        if (failure instanceof InvalidStateException e) {
            throw e;
        }
        if (failure instanceof KinesisClientLibDependencyException e) {
            throw e;
        }
        checkpoints++;
    }

    @Override
    public void checkpoint(Record record) {
        throw new AssertionError("not used");
    }

    @Override
    public void checkpoint(String sequenceNumber) {
        throw new AssertionError("not used");
    }

    @Override
    public void checkpoint(String sequenceNumber, long subSequenceNumber) {
        throw new AssertionError("not used");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint() {
        throw new AssertionError("not used");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(byte[] applicationState) {
        throw new AssertionError("not used");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(Record record) {
        throw new AssertionError("not used");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(Record record, byte[] applicationState) {
        throw new AssertionError("not used");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber) {
        throw new AssertionError("not used");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, byte[] applicationState) {
        throw new AssertionError("not used");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber) {
        throw new AssertionError("not used");
    }

    @Override
    public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber,
                                                  byte[] applicationState) {
        throw new AssertionError("not used");
    }

    @Override
    public Checkpointer checkpointer() {
        throw new AssertionError("not used");
    }
}
