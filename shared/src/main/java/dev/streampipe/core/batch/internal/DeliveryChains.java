package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.EntryRetrier;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Phase;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every sink of one engine adapted, once, when the engine is built, into its delivery chain:
 * <pre>
 *   DELIVERY timing → failure types → accepted memory (if any) → effect ledger (if a ledgered route sends here)
 *                   → SEND timing → the user's {@link Sink}
 * </pre>
 * The engine only ever calls a chain; what is in front of a sink is decided here, from the topology. The stages
 * name the sink by its own {@link Sink#name()} (in phases, reasons and the accepted memory).
 */
public final class DeliveryChains {
    private final Map<String, DeliveryStage> chains;
    private final Predicate<Route> toLedgered;
    private final boolean anyLedgered;

    private DeliveryChains(Map<String, DeliveryStage> chains, Set<String> ledgeredSinks) {
        this.chains = Map.copyOf(chains);
        this.toLedgered = BatchRouting.sendingTo(Set.copyOf(ledgeredSinks));
        this.anyLedgered = !ledgeredSinks.isEmpty();
    }

    /**
     * The chains of {@code sinks} for {@code topology}: every sink a ledgered route sends to behind {@code ledger},
     * every sink behind {@code memoryOrNull} when there is one. Throws {@link IllegalArgumentException} when the
     * topology names a sink not given, or has a ledgered route and no ledger is given.
     */
    public static DeliveryChains wire(Topology topology, Map<String, Sink> sinks, EffectLedger ledgerOrNull,
                                      EntryRetrier<EffectKey> ledgerRetrier, AcceptedMemory memoryOrNull) {
        List<String> missing = topology.sinks().stream().filter(s -> !sinks.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no sink given for " + missing + "; sinks given: " + sinks.keySet());
        }
        Set<String> ledgered = new LinkedHashSet<>();
        for (Route r : topology.routes()) {
            if (r.ledgered()) {
                if (ledgerOrNull == null) {
                    throw new IllegalArgumentException("route '" + r.name() + "' is ledgered: the engine needs an "
                            + "EffectLedger (BatchEngine.builder(topology).ledger(...))");
                }
                ledgered.add(r.sink().orElseThrow());
            }
        }
        Map<String, DeliveryStage> chains = new LinkedHashMap<>();
        sinks.forEach((key, sink) -> {
            String name = sink.name();
            DeliveryStage stage = new TimedStage(Phase.SEND, name, new SinkStage(sink));
            if (ledgered.contains(key)) {
                stage = new LedgerStage(name, ledgerOrNull, ledgerRetrier, stage);
            }
            if (memoryOrNull != null) {
                stage = new MemoryStage(name, memoryOrNull, stage);
            }
            chains.put(key, new TimedStage(Phase.DELIVERY, name, new FailureTypeStage(name, stage)));
        });
        return new DeliveryChains(chains, ledgered);
    }

    /** Whether any sink is behind the ledger. */
    public boolean anyLedgered() {
        return anyLedgered;
    }

    /** The routes that send to a sink behind the ledger. */
    public Predicate<Route> toLedgered() {
        return toLedgered;
    }

    Delivery deliver(String sink, List<Message> messages, Deadline deadline, StageListener stages) {
        return Objects.requireNonNull(chains.get(sink), sink).deliver(messages, deadline, stages);
    }
}
