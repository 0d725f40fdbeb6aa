package dev.streampipe.aws;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The audit sink: one structured JSON line per message (the body is already one JSON object), written in one go
 * per batch to a line writer — standard output in Lambda, where each line becomes a CloudWatch Logs event.
 */
public final class LogSink implements Sink {
    private final String name;
    private final Consumer<String> out;

    public LogSink(String name, Consumer<String> out) {
        this.name = Objects.requireNonNull(name, "name");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        StringBuilder sb = new StringBuilder(messages.size() * 256);
        for (Message m : messages) {
            sb.append(m.body()).append('\n');
        }
        sb.setLength(Math.max(0, sb.length() - 1));
        out.accept(sb.toString());
        return SinkResult.delivered();
    }
}
