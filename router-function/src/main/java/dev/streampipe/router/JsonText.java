package dev.streampipe.router;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes small JSON objects with the streaming generator (no databind on the hot path). */
final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static String object(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static void field(JsonGenerator g, String name, String valueOrNull) throws IOException {
        if (valueOrNull == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, valueOrNull);
        }
    }
}
