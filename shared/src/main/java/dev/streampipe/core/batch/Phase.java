package dev.streampipe.core.batch;

/**
 * A stage of one batch's path, as {@link BatchPhases} reports it. Sink stages carry the sink's name; the others
 * none. Stages overlap in time: sinks run concurrently with each other and with {@link #ROUTE_OTHERS}.
 */
public enum Phase {
    /** The stream event decoded into records (reported by a runtime that decodes; the engine does not). */
    DECODE,
    /** The routes that send to ledgered sinks mapped, for every record; those sinks start right after. */
    ROUTE_LEDGERED,
    /** Every other route mapped, while the ledgered sinks are already at work. */
    ROUTE_OTHERS,
    /** A ledgered sink's read of the effect ledger (which effects are done). */
    LEDGER_READ,
    /** A sink's own sending: behind the ledger, what the ledger did not already hold. */
    SEND,
    /** A ledgered sink's write of the effects it delivered. */
    LEDGER_WRITE,
    /** One sink's whole delivery, from its start on the executor to its result. */
    DELIVERY,
    /**
     * The aggregations' state: the batch's one state write, windows closed, and the updates sent; absent for a
     * topology without aggregations.
     */
    STATE,
    /** The poison (record, route) pairs sent to the dead-letter sink; absent when there were none. */
    DEAD_LETTER,
    /** After the sinks and dead letters: the result assembled (and, in a runtime, logged and answered). */
    TAIL
}
