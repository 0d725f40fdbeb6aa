package dev.streampipe.bench.chaos;

import java.util.ArrayList;
import java.util.List;

/** Event ids read back out of what a sink received: the {@code event_id} / {@code eventId} fields, no JSON parse. */
final class EventIds {
    private static final String[] FIELDS = {"\"event_id\":\"", "\"eventId\":\""};

    private EventIds() {
    }

    /** The first event id in {@code text}, or {@code null}. */
    static String first(String text) {
        if (text == null) {
            return null;
        }
        int best = -1;
        int length = 0;
        for (String f : FIELDS) {
            int at = text.indexOf(f);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
                length = f.length();
            }
        }
        return best < 0 ? null : text.substring(best + length, text.indexOf('"', best + length));
    }

    /** Every event id in {@code text}, in order (a summary-trigger payload carries one per window). */
    static List<String> all(String text) {
        List<String> ids = new ArrayList<>();
        for (String f : FIELDS) {
            int at = text.indexOf(f);
            while (at >= 0) {
                int start = at + f.length();
                ids.add(text.substring(start, text.indexOf('"', start)));
                at = text.indexOf(f, start);
            }
        }
        return ids;
    }

    /** The value of a top-level string field {@code name} in a small JSON text, or {@code null}. */
    static String field(String text, String name) {
        String f = "\"" + name + "\":\"";
        int at = text.indexOf(f);
        return at < 0 ? null : text.substring(at + f.length(), text.indexOf('"', at + f.length()));
    }
}
