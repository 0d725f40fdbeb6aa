package dev.streampipe.local;

import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.core.json.JsonStrings;
import dev.streampipe.router.aws.SqsDeadLetterSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Sinks for services that have no local emulator: each writes NDJSON lines to its own file. */
final class FileSinks {
    private FileSinks() {
    }

    /** One line per message, never failing. */
    static Sink messages(String name, NdjsonFile file) {
        return messages(name, file, 0, null);
    }

    /**
     * One line per message: the message body with the route, event id and sequence number it came from and its
     * attributes. {@code failureRate} (0..1) makes that share of messages fail retryably, to exercise redelivery.
     */
    static Sink messages(String name, NdjsonFile file, double failureRate, RandomGenerator random) {
        return new Sink() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SinkResult deliver(List<Message> messages, Deadline deadline) {
                Map<Message, Failure> failed = new LinkedHashMap<>();
                List<String> lines = new ArrayList<>(messages.size());
                for (Message m : messages) {
                    if (failureRate > 0 && random.nextDouble() < failureRate) {
                        failed.put(m, Failure.retryable("injected transient failure (local run)"));
                    } else {
                        lines.add(line(m));
                    }
                }
                file.append(lines);
                return SinkResult.of(failed);
            }
        };
    }

    static String line(Message m) {
        StringBuilder attributes = new StringBuilder("{");
        for (Map.Entry<String, String> a : m.attributes().entrySet()) {
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

    static DeadLetterSink deadLetters(NdjsonFile file) {
        return new DeadLetterSink() {
            @Override
            public String name() {
                return "dead-letters";
            }

            @Override
            public void deadLetter(List<DeadLetter> letters, Deadline deadline) {
                file.append(letters.stream().map(SqsDeadLetterSink::body).toList());
            }
        };
    }
}
