package dev.streampipe.core.state;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.RecordPredicate;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.internal.CompiledTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A named aggregation kept in a state store: Kafka Streams' {@code groupBy(..).count()} over the table's items, or
 * {@code windowedBy(..).count()} over its changes.
 *
 * <ul>
 *   <li>{@link #table(String) Table aggregations} keep, per group, an aggregate of the items the table holds now. The
 *   stream is the table's changelog: an INSERT adds the new item to its group, a REMOVE (a TTL deletion too) takes the
 *   old item out of its group, a MODIFY takes the old item out of its old group and adds the new one to its new group
 *   (Kafka's {@code KGroupedTable.aggregate(initializer, adder, subtractor)}). The stream must carry
 *   {@code NEW_AND_OLD_IMAGES}.</li>
 *   <li>{@link #windowed(String, TimeWindows) Windowed aggregations} count or sum changes per group in event-time
 *   windows (the record's creation time) and send each window's final value once, when it closes (Kafka's
 *   {@code suppress(untilWindowCloses)}).</li>
 * </ul>
 * A value is one or more <em>measures</em>, each a count or a sum of longs: kept as numbers the store adds to in
 * place, which is what lets a batch be written once per group and taken back whole when Lambda delivers it again.
 * Minimum and maximum cannot be taken back, so there are none. A group or measure function that throws makes the
 * record poison for this aggregation only (dead-lettered under its name); a {@code null} group leaves the item or
 * change out. Immutable.
 */
public final class Aggregation {
    /** The measure {@code count()} adds. */
    public static final String COUNT = "count";
    private final String name;
    private final TimeWindows windowsOrNull;
    private final String filterDescription;
    private final Predicate<Object> filter;
    private final String groupDescription;
    private final Function<Object, String> group;
    private final List<Measure> measures;
    private final int writeShards;
    private final StreamViewType filterImages;
    private final Route outputOrNull;
    private final AggregateMapper mapper;
    private final Duration emitEvery;

    private record Measure(String name, String description, ToLongFunction<Object> value) {
    }

    @SuppressWarnings("unchecked")
    private Aggregation(Builder<?, ?> b) {
        this.name = b.name;
        this.windowsOrNull = b.windows;
        this.filterDescription = b.filterDescription;
        this.filter = (Predicate<Object>) b.filter;
        this.groupDescription = Objects.requireNonNull(b.groupDescription,
                "aggregation '" + b.name + "' needs groupBy(..)");
        this.group = (Function<Object, String>) b.group;
        if (b.measures.isEmpty()) {
            throw new IllegalStateException("aggregation '" + b.name + "' needs a measure: count() or sum(..)");
        }
        this.measures = List.copyOf(b.measures);
        this.writeShards = b.writeShards;
        this.filterImages = b.filterImages;
        this.outputOrNull = b.sink == null ? null : b.ledgered
                ? Route.named(b.name).to(b.sink).ledgered().mapping(r -> Optional.empty())
                : Route.named(b.name).to(b.sink).mapping(r -> Optional.empty());
        this.mapper = b.mapper;
        this.emitEvery = b.emitEvery;
    }

    /** A table aggregation over the items: {@code Aggregation.table("by-status").groupBy(..).count().build()}. */
    public static TableBuilder table(String name) {
        return new TableBuilder(name);
    }

    /** A windowed aggregation over the changes. */
    public static WindowedBuilder windowed(String name, TimeWindows windows) {
        return new WindowedBuilder(name, Objects.requireNonNull(windows, "windows"));
    }

    public String name() {
        return name;
    }

    public boolean windowed() {
        return windowsOrNull != null;
    }

    public Optional<TimeWindows> windows() {
        return Optional.ofNullable(windowsOrNull);
    }

    /** The measure names, in order. */
    public List<String> measures() {
        return measures.stream().map(Measure::name).toList();
    }

    /** What a state store must know of this aggregation's store. */
    public StoreSpec spec() {
        return new StoreSpec(name, measures(), windowsOrNull, writeShards);
    }

    /** The route its updates go out on (named like the aggregation), if it sends them anywhere. */
    public Optional<Route> output() {
        return Optional.ofNullable(outputOrNull);
    }

    public AggregateMapper mapper() {
        return mapper;
    }

    /**
     * How often a table aggregation sends the groups that changed: {@link Duration#ZERO} (the default) after every
     * batch that changed them; otherwise once this much stream time has passed since this runtime last sent.
     */
    public Duration emitEvery() {
        return emitEvery;
    }

    /** The images it reads: both for a table aggregation, those its filter declares for a windowed one. */
    public StreamViewType imagesRead() {
        return windowed() ? filterImages : StreamViewType.NEW_AND_OLD_IMAGES;
    }

    /**
     * One line for {@code describe()}: {@code table items-by-status: group by status, count [where type = "order"]
     * [4 write shards] -> status-metrics}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(windowed() ? "windowed " : "table ").append(name).append(": ");
        if (windowed()) {
            sb.append(windowsOrNull.describe()).append(", ");
        }
        sb.append("group by ").append(groupDescription).append(", ");
        sb.append(String.join(", ", measures.stream().map(Measure::description).toList()));
        if (filterDescription != null) {
            sb.append(" where ").append(filterDescription);
        }
        if (writeShards > 1) {
            sb.append(" [").append(writeShards).append(" write shards]");
        }
        sb.append(" [store ").append(name).append("]");
        if (outputOrNull != null) {
            sb.append(" -> ").append(outputOrNull.sink().orElseThrow())
                    .append(windowed() ? " (final values)" : emitEvery.isZero() ? " (changes)"
                            : " (changes every " + emitEvery.toString().substring(2).toLowerCase(Locale.ROOT) + ")")
                    .append(outputOrNull.ledgered() ? " [ledgered]" : "");
        }
        return sb.toString();
    }

    /** A change to one group's value (in one window, for a windowed aggregation). */
    public record Contribution(String group, long windowStart, long[] delta) {
    }

    /**
     * What {@code record} changes, per group (and window): for a table aggregation the new item added to its group
     * and the old one taken from its own; for a windowed one the change added to its group in every window holding
     * its creation time. Throws what the user's functions throw, or {@link PoisonRecordException} when the record
     * lacks what the aggregation reads (an image, a creation time).
     */
    public List<Contribution> contributions(ChangeRecord record) {
        List<Contribution> out = new ArrayList<>(2);
        if (windowed()) {
            if (filter != null && !filter.test(record)) {
                return out;
            }
            String g = groupOf(record, record);
            if (g == null) {
                return out;
            }
            long time = record.creationTime().orElseThrow(() -> new PoisonRecordException("aggregation '" + name
                    + "' is windowed on the record's creation time and the record has no"
                    + " ApproximateCreationDateTime")).toEpochMilli();
            long[] delta = values(record, record);
            for (long start : windowsOrNull.startsFor(time)) {
                out.add(new Contribution(g, start, delta));
            }
            return out;
        }
        EventName event = record.eventName();
        if (event != EventName.INSERT) {
            Item old = record.oldImage().orElseThrow(() -> missing(record, "OldImage"));
            add(out, old, -1, record);
        }
        if (event != EventName.REMOVE) {
            Item now = record.newImage().orElseThrow(() -> missing(record, "NewImage"));
            add(out, now, 1, record);
        }
        return out;
    }

    private void add(List<Contribution> out, Item item, int sign, ChangeRecord record) {
        if (filter != null && !filter.test(item)) {
            return;
        }
        String g = groupOf(item, record);
        if (g == null) {
            return;
        }
        long[] delta = values(item, record);
        if (sign < 0) {
            for (int i = 0; i < delta.length; i++) {
                delta[i] = -delta[i];
            }
        }
        out.add(new Contribution(g, GroupKey.NO_WINDOW, delta));
    }

    private long[] values(Object source, ChangeRecord record) {
        long[] v = new long[measures.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = measures.get(i).value().applyAsLong(source);
            } catch (RuntimeException e) {
                throw new PoisonRecordException("measure '" + measures.get(i).name() + "' cannot be read: "
                        + CompiledTopology.reason(e, record));
            }
        }
        return v;
    }

    private String groupOf(Object source, ChangeRecord record) {
        try {
            return group.apply(source);
        } catch (RuntimeException e) {
            throw new PoisonRecordException("group (" + groupDescription + ") cannot be read: "
                    + CompiledTopology.reason(e, record));
        }
    }

    private PoisonRecordException missing(ChangeRecord record, String image) {
        return new PoisonRecordException("aggregation '" + name + "' needs the " + image + " of a "
                + record.eventName() + " (stream view type " + (record.streamViewType() == null ? "not given"
                : record.streamViewType()) + "): a table aggregation needs NEW_AND_OLD_IMAGES");
    }

    @Override
    public String toString() {
        return describe();
    }

    /** What both kinds of aggregation are built with; {@code S} is what their functions read. */
    public abstract static class Builder<S, B extends Builder<S, B>> {
        private final String name;
        private final TimeWindows windows;
        private String filterDescription;
        private Predicate<? super S> filter;
        private StreamViewType filterImages = StreamViewType.KEYS_ONLY;
        private String groupDescription;
        private Function<? super S, String> group;
        private final List<Measure> measures = new ArrayList<>();
        private int writeShards = 1;
        private String sink;
        private boolean ledgered;
        private AggregateMapper mapper = AggregateMapper.JSON;
        private Duration emitEvery = Duration.ZERO;

        Builder(String name, TimeWindows windows) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 100 || !name.matches("[A-Za-z0-9_.\\-]+")) {
                throw new IllegalArgumentException("aggregation name must be 1..100 of A-Z a-z 0-9 _ . -, was '"
                        + name + "'");
            }
            this.windows = windows;
        }

        abstract B self();

        /** Only what {@code test} accepts counts; {@code description} is shown by {@code describe()}. */
        public B where(String description, Predicate<? super S> test) {
            this.filterDescription = Objects.requireNonNull(description, "description");
            this.filter = Objects.requireNonNull(test, "test");
            return self();
        }

        /** The group of each item or change ({@code null}: not counted); {@code description} names it. */
        public B groupBy(String description, Function<? super S, String> groupOf) {
            this.groupDescription = Objects.requireNonNull(description, "description");
            this.group = Objects.requireNonNull(groupOf, "groupOf");
            return self();
        }

        /** Adds the measure {@code "count"}: how many items (changes) each group holds. */
        public B count() {
            return measure(COUNT, "count", s -> 1L);
        }

        /** Adds the measure {@code measure}: the sum of {@code value} over each group's items (changes). */
        public B sum(String measure, ToLongFunction<? super S> value) {
            Objects.requireNonNull(value, "value");
            return measure(measure, "sum " + measure, value);
        }

        @SuppressWarnings("unchecked")
        private B measure(String measure, String description, ToLongFunction<? super S> value) {
            Objects.requireNonNull(measure, "measure");
            if (!measure.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                throw new IllegalArgumentException("measure name must be a letter then up to 63 of A-Z a-z 0-9 _,"
                        + " was '" + measure + "'");
            }
            if (measures.stream().anyMatch(m -> m.name().equals(measure))) {
                throw new IllegalArgumentException("aggregation '" + name + "' already has measure '" + measure
                        + "'");
            }
            measures.add(new Measure(measure, description, (ToLongFunction<Object>) value));
            return self();
        }

        /**
         * Spreads each group's writes over {@code shards} items of the state table (1..100, default 1), summed when
         * read: for groups so few that every batch of every shard writes them (see the docs' hot-group arithmetic).
         */
        public B writeShards(int shards) {
            if (shards < 1 || shards > 100) {
                throw new IllegalArgumentException("write shards must be 1..100, was " + shards);
            }
            this.writeShards = shards;
            return self();
        }

        /** Sends its updates to {@code sinkName} as JSON ({@link AggregateMapper#JSON}). */
        public B to(String sinkName) {
            return to(sinkName, AggregateMapper.JSON);
        }

        /** Sends its updates to {@code sinkName}, each made by {@code updateMapper}. */
        public B to(String sinkName, AggregateMapper updateMapper) {
            this.sink = Objects.requireNonNull(sinkName, "sinkName");
            this.mapper = Objects.requireNonNull(updateMapper, "updateMapper");
            return self();
        }

        /** Its updates go behind the effect ledger: each sent once however often the batch is delivered. */
        public B ledgered() {
            this.ledgered = true;
            return self();
        }

        public Aggregation build() {
            if (ledgered && sink == null) {
                throw new IllegalStateException("aggregation '" + name + "' is ledgered but sends nowhere: call"
                        + " to(sink)");
            }
            return new Aggregation(this);
        }
    }

    /** Builds a table aggregation: its functions read the items (old and new images). */
    public static final class TableBuilder extends Builder<Item, TableBuilder> {
        TableBuilder(String name) {
            super(name, null);
        }

        /**
         * Sends the groups that changed at most once per {@code interval} of stream time (per runtime instance)
         * instead of after every batch: each send reads every write shard of every changed group, which at a few
         * batches a second per shard is most of the state's read cost. Groups a container changed and had not sent
         * when it ended are sent when they next change.
         */
        public TableBuilder emitEvery(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("emit interval must not be negative, was " + interval);
            }
            super.emitEvery = interval;
            return this;
        }

        @Override
        TableBuilder self() {
            return this;
        }
    }

    /** Builds a windowed aggregation: its functions read the changes. */
    public static final class WindowedBuilder extends Builder<ChangeRecord, WindowedBuilder> {
        WindowedBuilder(String name, TimeWindows windows) {
            super(name, windows);
        }

        @Override
        WindowedBuilder self() {
            return this;
        }

        /** Only the changes {@code predicate} matches count (described by it). */
        public WindowedBuilder where(RecordPredicate predicate) {
            where(predicate.describe(), predicate::test);
            super.filterImages = predicate.imagesRead();
            return this;
        }
    }
}
