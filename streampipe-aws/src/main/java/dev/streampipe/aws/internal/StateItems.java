package dev.streampipe.aws.internal;

import dev.streampipe.core.state.GroupKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of the state table {@code DynamoDbStateStore} keeps: one string partition key {@code PK}, items told
 * apart by its prefix, TTL attribute {@code expires_at} (epoch seconds).
 *
 * <ul>
 *   <li>{@code v#<store>#<window start or ->#<group>#<shard>}: a value, one Number attribute {@code m_<measure>} per
 *   measure, with {@code store}, {@code group}, {@code window_start} (windowed only) and {@code shard};</li>
 *   <li>{@code w#<store>#<window start>#<chunk>#<shard>}: one chunk of a window, {@code groups} (a String Set of the
 *   groups of that chunk that had records, each written {@code =<group>} so the empty group fits a set) and
 *   {@code closed} once the window closed;</li>
 *   <li>{@code r#<batch id>#<chunk>}: the receipt of one chunk of a batch, {@code entries} (what the batch added per
 *   value) and {@code version};</li>
 *   <li>{@code t#<store>}: a windowed store's {@code stream_time}, its {@code open} windows (Number Set of starts)
 *   and its {@code pending} ones (closed, final values not yet sent).</li>
 * </ul>
 * Group keys are spread over {@value #CHUNKS} chunks by a hash of store, window and group ({@link #chunkOf}); the
 * hash is part of the table's format: a batch delivered again finds its receipts by it.
 */
public final class StateItems {
    public static final String KEY = "PK";
    public static final String EXPIRES_AT = "expires_at";
    public static final String STORE = "store";
    public static final String GROUP = "group";
    public static final String WINDOW_START = "window_start";
    public static final String SHARD = "shard";
    public static final String CHUNK = "chunk";
    public static final String GROUPS = "groups";
    public static final String CLOSED = "closed";
    public static final String STREAM_TIME = "stream_time";
    public static final String OPEN = "open";
    public static final String PENDING = "pending";
    public static final String VERSION = "version";
    public static final String ENTRIES = "entries";
    public static final String MEASURE_PREFIX = "m_";
    /** The chunks a batch's group keys are spread over: one receipt item each. */
    public static final int CHUNKS = 32;
    /** DynamoDB's limit on a partition key's value, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 2048;

    private StateItems() {
    }

    /** A batch's contribution to one value, as its receipt keeps it: the key, the write shard, the delta. */
    public record Entry(GroupKey key, int shard, long[] delta) {
        public Entry {
            Objects.requireNonNull(key, "key");
            delta = delta.clone();
        }

        /** Same key, shard and delta. */
        public boolean sameAs(Entry o) {
            return o != null && key.equals(o.key) && shard == o.shard && Arrays.equals(delta, o.delta);
        }
    }

    /** The value item of {@code key} in write shard {@code shard}. */
    public static String valueKey(GroupKey key, int shard) {
        return "v#" + key.store() + "#" + window(key) + "#" + key.group() + "#" + shard;
    }

    /** The item of chunk {@code chunk} of {@code store}'s window starting at {@code start}, in shard {@code shard}. */
    public static String windowKey(String store, long start, int chunk, int shard) {
        return "w#" + store + "#" + start + "#" + chunk + "#" + shard;
    }

    public static String receiptKey(String batch, int chunk) {
        return "r#" + batch + "#" + chunk;
    }

    public static String timeKey(String store) {
        return "t#" + store;
    }

    public static Map<String, AttributeValue> key(String pk) {
        return Map.of(KEY, AttributeValue.fromS(pk));
    }

    /** The chunk (0 .. {@value #CHUNKS}-1) of {@code key}: fixed by store, window and group. */
    public static int chunkOf(GroupKey key) {
        int h = (key.store() + "#" + window(key) + "#" + key.group()).hashCode();
        h ^= (h >>> 16);
        h *= 0x45d9f3b;
        h ^= (h >>> 16);
        return Math.floorMod(h, CHUNKS);
    }

    /**
     * Fails when {@code key}'s value item key (at the largest shard number) is longer than DynamoDB takes: the group
     * must stay under about 1,900 bytes.
     */
    public static void requireKeyFits(GroupKey key, int writeShards) {
        int bytes = valueKey(key, writeShards - 1).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("group of " + key.store() + " too long for the state table: its item"
                    + " key would be " + bytes + " bytes, DynamoDB takes at most " + MAX_KEY_BYTES);
        }
    }

    private static String window(GroupKey key) {
        return key.windowed() ? Long.toString(key.windowStart()) : "-";
    }

    /** How a group is kept in a window chunk's {@code groups} set (a set cannot hold an empty string). */
    public static String member(String group) {
        return "=" + group;
    }

    public static String group(String member) {
        return member.substring(1);
    }

    /** The groups of a window chunk item ({@code groups}), none when it has none. */
    public static List<String> groups(Map<String, AttributeValue> item) {
        AttributeValue v = item == null ? null : item.get(GROUPS);
        if (v == null || !v.hasSs()) {
            return List.of();
        }
        return v.ss().stream().map(StateItems::group).toList();
    }

    /** A receipt's {@code entries}: a list of maps {@code s} store, {@code g} group, {@code w} window, {@code h} shard,
     * {@code d} deltas. */
    public static AttributeValue encodeEntries(Collection<Entry> entries) {
        List<AttributeValue> list = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("s", AttributeValue.fromS(e.key().store()));
            m.put("g", AttributeValue.fromS(e.key().group()));
            if (e.key().windowed()) {
                m.put("w", AttributeValue.fromN(Long.toString(e.key().windowStart())));
            }
            m.put("h", AttributeValue.fromN(Integer.toString(e.shard())));
            List<AttributeValue> d = new ArrayList<>(e.delta().length);
            for (long x : e.delta()) {
                d.add(AttributeValue.fromN(Long.toString(x)));
            }
            m.put("d", AttributeValue.fromL(d));
            list.add(AttributeValue.fromM(m));
        }
        return AttributeValue.fromL(list);
    }

    public static List<Entry> decodeEntries(Map<String, AttributeValue> receipt) {
        AttributeValue v = receipt.get(ENTRIES);
        if (v == null || !v.hasL()) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>(v.l().size());
        for (AttributeValue a : v.l()) {
            Map<String, AttributeValue> m = a.m();
            AttributeValue w = m.get("w");
            GroupKey key = new GroupKey(m.get("s").s(), m.get("g").s(),
                    w == null ? GroupKey.NO_WINDOW : Long.parseLong(w.n()));
            List<AttributeValue> d = m.get("d").l();
            long[] delta = new long[d.size()];
            for (int i = 0; i < delta.length; i++) {
                delta[i] = Long.parseLong(d.get(i).n());
            }
            out.add(new Entry(key, Integer.parseInt(m.get("h").n()), delta));
        }
        return out;
    }

    /** A Number attribute as a long, {@code absent} when the item or attribute is missing. */
    public static long number(Map<String, AttributeValue> item, String attribute, long absent) {
        AttributeValue v = item == null ? null : item.get(attribute);
        return v == null || v.n() == null ? absent : new BigDecimal(v.n()).longValueExact();
    }

    /** A Number Set attribute, sorted; empty when missing. */
    public static TreeSet<Long> numbers(Map<String, AttributeValue> item, String attribute) {
        TreeSet<Long> out = new TreeSet<>();
        AttributeValue v = item == null ? null : item.get(attribute);
        if (v != null && v.hasNs()) {
            v.ns().forEach(n -> out.add(new BigDecimal(n).longValueExact()));
        }
        return out;
    }

    /** A Number Set of {@code values} (not empty). */
    public static AttributeValue numberSet(Collection<Long> values) {
        return AttributeValue.fromNs(values.stream().map(String::valueOf).toList());
    }

    /** The measures of a value item, in order ({@code 0} for a measure it lacks). */
    public static long[] measures(Map<String, AttributeValue> item, List<String> measures) {
        long[] out = new long[measures.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(item, MEASURE_PREFIX + measures.get(i), 0);
        }
        return out;
    }
}
