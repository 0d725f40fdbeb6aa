package dev.streampipe.bench.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * One design's cost per million stream records: each metered quantity of a batch scaled by
 * {@code 1,000,000 / records in the batch} and priced. The summary function's own duration is not in it (see
 * {@link CostTable}).
 *
 * @param usage the metered batch
 * @param lines cost lines in a fixed order, the same for every design
 */
public record CostSheet(Usage usage, List<Line> lines) {
    public static final double PER = 1_000_000;

    /**
     * One priced quantity.
     *
     * @param name  what is priced
     * @param units units per million records, in the price's unit
     * @param price the list price
     */
    public record Line(String name, double units, Price price) {
        public double usd() {
            return price.of(units);
        }
    }

    /** Prices a metered batch for a router of {@code routerMemoryMb} on x86_64. */
    public static CostSheet of(Usage u, int routerMemoryMb) {
        double scale = PER / u.records();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("Lambda requests (router + summary invokes)",
                (1 + u.summaryInvokes().billed()) * scale, PriceList.LAMBDA_REQUESTS));
        lines.add(new Line("Lambda duration (router)",
                u.billedMillis() / 1000.0 * (routerMemoryMb / 1024.0) * scale, PriceList.LAMBDA_X86_GB_SECOND));
        lines.add(new Line("Firehose ingestion", u.firehose().billed() * scale, PriceList.FIREHOSE_DIRECT_PUT_GB));
        lines.add(new Line("SNS publishes", u.sns().billed() * scale, PriceList.SNS_REQUESTS));
        lines.add(new Line("EventBridge events", u.eventBridge().billed() * scale, PriceList.EVENTBRIDGE_CUSTOM_EVENTS));
        lines.add(new Line("SQS dead letters", u.sqs().billed() * scale, PriceList.SQS_REQUESTS));
        lines.add(new Line("DynamoDB ledger writes", u.ledger().writeUnits() * scale,
                PriceList.DYNAMODB_WRITE_REQUEST_UNITS));
        lines.add(new Line("DynamoDB ledger reads", u.ledger().readUnits() * scale,
                PriceList.DYNAMODB_READ_REQUEST_UNITS));
        lines.add(new Line("DynamoDB idempotency writes", u.idempotency().writeUnits() * scale,
                PriceList.DYNAMODB_WRITE_REQUEST_UNITS));
        lines.add(new Line("DynamoDB idempotency reads", u.idempotency().readUnits() * scale,
                PriceList.DYNAMODB_READ_REQUEST_UNITS));
        lines.add(new Line("CloudWatch Logs ingestion", u.logs().bytes() * scale, PriceList.LOGS_INGESTION_GB));
        return new CostSheet(u, List.copyOf(lines));
    }

    /** The total per million records. */
    public double total() {
        return lines.stream().mapToDouble(Line::usd).sum();
    }
}
