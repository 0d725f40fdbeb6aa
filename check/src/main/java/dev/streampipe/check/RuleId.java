package dev.streampipe.check;

import java.util.Arrays;
import java.util.List;

/**
 * Every rule: a stable id (used in reports, SARIF and suppressions), its severity, what it finds and the one-line
 * fix. The {@link Scope#CHECK} rules are what {@code check} applies to any template; the {@link Scope#INVARIANT}
 * ones only the project's tests of its own template report, and {@code check} never does. Declaration order is
 * report order for equal severities.
 */
public enum RuleId {
    MAPPING_INVALID_SETTING("mapping-invalid-setting", Severity.HIGH,
            "Stream mapping or pipe setting with a value Lambda or EventBridge Pipes rejects (the stack does not deploy)",
            "give the setting a value in its documented range"),
    STREAM_READERS_OVER_LIMIT("stream-readers-over-limit", Severity.HIGH,
            "More than 2 readers on one table's stream (DynamoDB Streams throttles every reader of the shard)",
            "keep at most 2 readers on the stream: let one router function read it and publish to SNS or "
                    + "EventBridge for the other consumers"),
    MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES("mapping-without-report-batch-item-failures", Severity.HIGH,
            "Stream mapping without FunctionResponseTypes: [ReportBatchItemFailures] (the handler's "
                    + "batchItemFailures are ignored and whole batches retry)",
            "add FunctionResponseTypes: [ReportBatchItemFailures] and return batchItemFailures from the handler"),
    MAPPING_WITHOUT_ON_FAILURE_DESTINATION("mapping-without-on-failure-destination", Severity.HIGH,
            "Stream mapping without an on-failure destination (records that exhaust retries are lost)",
            "add DestinationConfig.OnFailure.Destination (an SQS queue or SNS topic) to the mapping"),
    MAPPING_UNBOUNDED_RETRIES("mapping-unbounded-retries", Severity.HIGH,
            "Stream mapping with unbounded retries and no maximum record age (one poison record blocks its shard "
                    + "until the record expires)",
            "set MaximumRetryAttempts (e.g. 10) or MaximumRecordAgeInSeconds (e.g. 21600)"),
    TABLE_WRITERS_OVER_THRESHOLD("table-writers-over-threshold", Severity.MEDIUM,
            "As many writers on one table as its threshold or more (default 5: the reference fires at five or more "
                    + "distinct code paths; the N+1 trigger problem)",
            "move writers that react to changes downstream of the table's stream (writing their own tables), or "
                    + "shard the partition key; if the fan-in is intended, raise writerThresholds for the table"),
    FUNCTION_WITHOUT_ITERATOR_AGE_ALARM("function-without-iterator-age-alarm", Severity.MEDIUM,
            "Function with a stream mapping but no IteratorAge alarm (a stuck shard goes unnoticed)",
            "add an AWS::CloudWatch::Alarm on AWS/Lambda IteratorAge (Maximum) with dimension FunctionName "
                    + "referring to the function"),
    ASYNC_WITHOUT_FAILURE_DESTINATION("async-without-failure-destination", Severity.MEDIUM,
            "Asynchronous invoke configuration without a failure destination (failed events are dropped)",
            "add DestinationConfig.OnFailure to the EventInvokeConfig (or a DeadLetterQueue on the function)"),
    MAPPING_WITHOUT_BISECT("mapping-without-bisect", Severity.LOW,
            "Stream mapping without BisectBatchOnFunctionError (a failing batch is retried whole)",
            "set BisectBatchOnFunctionError: true"),
    MAPPING_PARALLELIZATION_UNORDERED("mapping-parallelization-unordered", Severity.INFO,
            "ParallelizationFactor above 1 on a function not known to keep per-key order",
            "keep ParallelizationFactor at 1, or list the function under orderedHandlers in the config once its "
                    + "handler keeps per-key order"),
    STREAM_READER_UNRESOLVED("stream-reader-unresolved", Severity.INFO,
            "Stream reader whose stream cannot be resolved to a table (it is not counted against any table)",
            "refer to the stream with !GetAtt Table.StreamArn, give the parameter a default ARN, or declare the "
                    + "reader under externalReaders in the config"),
    STREAM_FAN_OUT("stream-fan-out", Severity.INFO,
            "Several functions read one stream where one router and SNS/EventBridge would serve",
            "let one router function read the stream and publish to SNS or EventBridge; make the other "
                    + "functions downstream consumers"),
    REFERENCES(Scope.INVARIANT, "references", Severity.HIGH,
            "A reference that names nothing, a resource that may not exist where it is referred to, or an unused "
                    + "parameter",
            "refer to a declared parameter, resource or condition, under the condition of a conditional resource; "
                    + "remove unused parameters"),
    HANDLERS(Scope.INVARIANT, "handlers", Severity.HIGH,
            "A Java function whose CodeUri is not a module of this build or whose Handler class or method is missing",
            "point CodeUri at a module listed in the root pom.xml and Handler at a class and method it declares"),
    IAM_WILDCARDS(Scope.INVARIANT, "iam-wildcards", Severity.HIGH,
            "An Allow statement with a wildcard that is not a marked, commented exception",
            "scope the statement, or if AWS requires the wildcard give it a Sid ending in RequiresWildcard and a "
                    + "comment saying why"),
    ENCRYPTION(Scope.INVARIANT, "encryption", Severity.HIGH,
            "A topic, queue, table, bucket or direct-put delivery stream without encryption at rest",
            "enable server-side encryption on the resource (and block public access on buckets)"),
    ALARMS(Scope.INVARIANT, "alarms", Severity.HIGH,
            "A failure nobody is told of: no IteratorAge, hot-key or dead-letter depth alarm, or an alarm that "
                    + "notifies no encrypted topic of the template",
            "add the alarm, with AlarmActions naming an encrypted SNS topic of the template"),
    NAMES_FROM_PARAMETERS(Scope.INVARIANT, "names-from-parameters", Severity.HIGH,
            "A resource name that is missing or does not come from a parameter",
            "give the resource its name from a parameter");

    /** Which runs report a rule. */
    public enum Scope {
        /** {@code check}, on any template. */
        CHECK,
        /** Only the project's template invariant tests, on its own template; never {@code check}. */
        INVARIANT
    }

    private final Scope scope;
    private final String id;
    private final Severity severity;
    private final String description;
    private final String fix;

    RuleId(String id, Severity severity, String description, String fix) {
        this(Scope.CHECK, id, severity, description, fix);
    }

    RuleId(Scope scope, String id, Severity severity, String description, String fix) {
        this.scope = scope;
        this.id = id;
        this.severity = severity;
        this.description = description;
        this.fix = fix;
    }

    /** The rules of one scope, in declaration order. */
    public static List<RuleId> of(Scope scope) {
        return Arrays.stream(values()).filter(rule -> rule.scope == scope).toList();
    }

    /** Which runs report this rule. */
    public Scope scope() {
        return scope;
    }

    /** Stable kebab-case id, e.g. {@code stream-readers-over-limit}. */
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    /** What the rule finds, one sentence. */
    public String description() {
        return description;
    }

    /** The default one-line fix. */
    public String fix() {
        return fix;
    }
}
