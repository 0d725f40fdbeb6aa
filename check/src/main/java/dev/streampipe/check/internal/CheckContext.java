package dev.streampipe.check.internal;

import dev.streampipe.check.CheckConfig;
import dev.streampipe.check.StreamReader;
import java.util.List;
import java.util.Objects;

/**
 * What every rule sees: the template, the config, and the stream readers, each list resolved once when a rule
 * first asks for it.
 */
public final class CheckContext {
    private final TemplateValues values;
    private final CheckConfig config;
    private List<StreamReader> dynamoDbReaders;
    private List<StreamReader> templateReaders;

    public CheckContext(CfnTemplate template, CheckConfig config) {
        this.values = new TemplateValues(Objects.requireNonNull(template, "template"));
        this.config = Objects.requireNonNull(config, "config");
    }

    public CfnTemplate template() {
        return values.template();
    }

    public CheckConfig config() {
        return config;
    }

    /** DynamoDB stream readers, template order then the config's external readers: what {@code check} counts. */
    public List<StreamReader> readers() {
        if (dynamoDbReaders == null) {
            dynamoDbReaders = StreamReaders.dynamoDb(values, config);
        }
        return dynamoDbReaders;
    }

    /** Every stream reader the template declares, DynamoDB and Kinesis, in template order. */
    public List<StreamReader> templateReaders() {
        if (templateReaders == null) {
            templateReaders = StreamReaders.of(values);
        }
        return templateReaders;
    }

    TemplateValues values() {
        return values;
    }
}
