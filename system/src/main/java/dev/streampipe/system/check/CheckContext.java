package dev.streampipe.system.check;

import dev.streampipe.system.template.CfnTemplate;
import java.util.List;
import java.util.Objects;

/** What every rule sees: the template, the config, and the stream consumers resolved once. */
public final class CheckContext {
    private final TemplateValues values;
    private final CheckConfig config;
    private final List<StreamConsumer> consumers;

    public CheckContext(CfnTemplate template, CheckConfig config) {
        this.values = new TemplateValues(Objects.requireNonNull(template, "template"));
        this.config = Objects.requireNonNull(config, "config");
        this.consumers = StreamConsumers.of(values, config);
    }

    public CfnTemplate template() {
        return values.template();
    }

    public CheckConfig config() {
        return config;
    }

    /** DynamoDB stream consumers, template order then the config's external readers. */
    public List<StreamConsumer> consumers() {
        return consumers;
    }

    TemplateValues values() {
        return values;
    }
}
