package dev.streampipe.examples.snippets;

import dev.streampipe.aws.lambda.AwsSinks;
import dev.streampipe.aws.lambda.RuntimeSettings;
import dev.streampipe.aws.lambda.StreamApp;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.json.JsonText;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.examples.snippets.inventory.InventoryTopology;
import java.util.Optional;

/** The snippets of docs/runtime.md: a {@link StreamApp}, every AWS sink, the application's own settings. */
public final class RuntimeSnippets {
    private RuntimeSnippets() {
    }

    // tag::stream-app[]
    /** What the handler's no-argument constructor passes to StreamRuntime.fromEnvironment(...). */
    public static final StreamApp INVENTORY = env -> env.runtime(InventoryTopology.create())
            .sink(env.sinks().firehose("analytics", env.settings().required("ANALYTICS_DELIVERY_STREAM")))
            .sink(env.sinks().sns("reorder-alerts", env.settings().required("REORDER_TOPIC_ARN")))
            .sink(env.sinks().eventBridge("stock-events", env.settings().required("STOCK_EVENT_BUS"),
                    env.settings().get("EVENT_SOURCE", "example.inventory")))
            .build();
    // end::stream-app[]

    /** One multicast route to each sink {@link #everySink} wires. */
    public static Topology everySinkTopology() {
        Topology.Builder b = Topology.builder();
        for (String sink : new String[] {"analytics", "alerts", "events", "enrich", "summaries", "audit"}) {
            b.multicast(Route.named("to-" + sink).to(sink).mapping(RuntimeSnippets::change));
        }
        return b.build();
    }

    /** Every kind of AWS sink on one runtime. */
    public static StreamRuntime everySink(StreamEnvironment env) {
        // tag::sinks[]
        AwsSinks aws = env.sinks();
        RuntimeSettings settings = env.settings();
        return env.runtime(everySinkTopology())
                .sink(aws.firehose("analytics", settings.required("ANALYTICS_DELIVERY_STREAM")))
                .sink(aws.sns("alerts", settings.required("ALERT_TOPIC_ARN")))
                .sink(aws.eventBridge("events", settings.required("EVENT_BUS_NAME"), "acme.inventory"))
                .sink(aws.lambda("enrich", settings.required("ENRICH_FUNCTION_NAME")))
                .sink(aws.lambdaBatched("summaries", settings.required("SUMMARY_FUNCTION_NAME"), "windows"))
                .sink(aws.log("audit"))
                .build();
        // end::sinks[]
    }

    /** The application settings snippet's values, read from {@code env}. */
    public static String settings(StreamEnvironment env) {
        // tag::settings[]
        RuntimeSettings settings = env.settings();
        String bus = settings.required("STOCK_EVENT_BUS"); // unset or blank: fails at init, naming the variable
        String source = settings.get("EVENT_SOURCE", "example.inventory"); // unset or blank: the default
        int margin = settings.intValue("REORDER_MARGIN", 0); // not a whole number: fails at init, naming it
        // end::settings[]
        return bus + " " + source + " " + margin;
    }

    private static Optional<Payload> change(ChangeRecord r) {
        return Optional.of(Payload.of(JsonText.object().field("eventId", r.eventId()).end())
                .with(EventBridgeOptions.detailType("Change")));
    }
}
