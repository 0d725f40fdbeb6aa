package dev.streampipe.local;

import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.core.json.JsonStrings;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What {@code replay} runs the router on: sinks that keep what they are given, and a ledger in memory. */
final class ReplaySinks {
    private ReplaySinks() {
    }

    /** A sink that keeps every message it is given and never fails. */
    static final class Capturing implements Sink {
        private final String name;
        final List<Message> messages = new CopyOnWriteArrayList<>();

        Capturing(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SinkResult deliver(List<Message> batch, Deadline deadline) {
            messages.addAll(batch);
            return SinkResult.delivered();
        }
    }

    /** Dead letters kept in memory. */
    static final class DeadLetters implements DeadLetterSink {
        final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "dead-letters";
        }

        @Override
        public void deadLetter(List<DeadLetter> batch, Deadline deadline) {
            letters.addAll(batch);
        }
    }

    /** An effect ledger for one replay. */
    static final class Ledger implements EffectLedger {
        private final Set<EffectKey> done = ConcurrentHashMap.newKeySet();

        @Override
        public Set<EffectKey> completed(Collection<EffectKey> effectKeys) {
            return effectKeys.stream().filter(done::contains).collect(java.util.stream.Collectors.toSet());
        }

        @Override
        public void markCompleted(Collection<EffectKey> effectKeys) {
            done.addAll(effectKeys);
        }
    }

    /** One message as a line: route, event id, sequence number, attributes and body. */
    static String line(Message m) {
        StringBuilder attributes = new StringBuilder("{");
        Map<String, String> options = new java.util.LinkedHashMap<>(m.sns().messageAttributes());
        m.eventBridge().ifPresent(e -> options.put("detailType", e.detailType()));
        for (Map.Entry<String, String> a : options.entrySet()) {
            if (attributes.length() > 1) {
                attributes.append(',');
            }
            attributes.append(JsonStrings.quote(a.getKey())).append(':').append(JsonStrings.quote(a.getValue()));
        }
        attributes.append('}');
        return "{\"route\":" + JsonStrings.quote(m.route()) + ",\"eventId\":" + JsonStrings.quote(m.eventId())
                + ",\"sequenceNumber\":\"" + m.sequenceNumber().value() + "\",\"attributes\":" + attributes
                + ",\"body\":" + m.body() + "}";
    }
}
