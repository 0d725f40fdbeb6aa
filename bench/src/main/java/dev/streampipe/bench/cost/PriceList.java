package dev.streampipe.bench.cost;

import java.time.LocalDate;
import java.util.List;

/**
 * On-demand list prices in us-east-1 (US East, N. Virginia), the first (highest) volume tier where a price is
 * tiered, no free tier, no Savings Plans: the marginal price of one more million stream records in an account that
 * is already past its free tier.
 *
 * <p>There is no internet on the machine these figures were gathered on: each was read on {@link #TAKEN} from the
 * stored copy of the source page (or, where the AWS page renders its rate table client-side so the stored copy has
 * no number, from the named corroborating pages). Where no stored page confirmed a figure, the evidence starts with
 * {@link #UNCONFIRMED}; the table marks those lines. Check the source pages before relying on the totals.
 */
public final class PriceList {
    public static final String REGION = "us-east-1";
    /** The date the stored copies of the source pages were read. */
    public static final LocalDate TAKEN = LocalDate.of(2026, 12, 1);
    static final String UNCONFIRMED = "NOT CONFIRMED";

    public static final Price LAMBDA_REQUESTS = new Price("Lambda requests", 0.20, 1_000_000, "requests", REGION,
            TAKEN, "https://aws.amazon.com/lambda/pricing/",
            "stored page: 'The monthly request price is $0.20 per 1 million requests'; AWS whitepaper 'How AWS Pricing"
                    + " Works' (docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html) the same");
    public static final Price LAMBDA_X86_GB_SECOND = new Price("Lambda duration (x86_64)", 0.0000166667, 1,
            "GB-seconds", REGION, TAKEN, "https://aws.amazon.com/lambda/pricing/",
            "stored page's worked example: '$0.00001667 per GB-s' (rounded); first tier (6 billion GB-s/month)"
                    + " $0.0000166667 per cloudchipr.com/blog/aws-lambda-pricing and artillery prices.js (1666670 / 10^11)");
    public static final Price FIREHOSE_DIRECT_PUT_GB = new Price("Firehose Direct PUT ingestion", 0.029,
            1L << 30, "billed bytes (5 KB increments)", REGION, TAKEN, "https://aws.amazon.com/firehose/pricing/",
            UNCONFIRMED + ": the stored page (aws.amazon.com/de/kinesis/data-firehose/pricing/) confirms the rule,"
                    + " each record rounded up to the next 5 KB (5,120 bytes), but not the per-GB figure; $0.029/GB"
                    + " for the first 500 TB/month is the figure we know, not re-read; GB taken as 2^30 bytes");
    public static final Price SNS_REQUESTS = new Price("SNS standard-topic publishes", 0.50, 1_000_000,
            "requests (64 KB chunks)", REGION, TAKEN, "https://aws.amazon.com/sns/pricing/",
            "$0.50 per million publishes per factualminds.com (2026-06-13) and cloudcostkit.com (2026-01-27); the"
                    + " AWS page's own figure not in the stored copy. Billing per API request, each 64 KB chunk one"
                    + " request, a PublishBatch of up to 10 messages one request: docs.aws.amazon.com/sns/latest/dg/"
                    + "sns-batch-api-actions.html ('reduce the costs ... by a factor of up to 10')");
    public static final Price EVENTBRIDGE_CUSTOM_EVENTS = new Price("EventBridge custom events", 1.00, 1_000_000,
            "events (64 KB chunks)", REGION, TAKEN, "https://aws.amazon.com/eventbridge/pricing/",
            "$1.00 per million custom events, each 64 KB chunk of a payload one event, per cloudburn.io (March 2026)"
                    + " and hykell.com; the AWS page's own figure not in the stored copy");
    public static final Price DYNAMODB_WRITE_REQUEST_UNITS = new Price("DynamoDB on-demand writes", 0.625,
            1_000_000, "write request units", REGION, TAKEN, "https://aws.amazon.com/dynamodb/pricing/on-demand/",
            "the stored AWS page defines the units but renders the rate client-side; $0.625 per million WRU, the price"
                    + " after the 50% on-demand cut of 1 Nov 2024 (was $1.25), per airbyte.com (2025-07-21) and"
                    + " jusdb.com (2025-08-19)");
    public static final Price DYNAMODB_READ_REQUEST_UNITS = new Price("DynamoDB on-demand reads", 0.125,
            1_000_000, "read request units", REGION, TAKEN, "https://aws.amazon.com/dynamodb/pricing/on-demand/",
            "as for writes: $0.125 per million RRU after the Nov 2024 cut (was $0.25), per airbyte.com (2025-07-21);"
                    + " note some third-party pages still print the old $0.25");
    public static final Price LOGS_INGESTION_GB = new Price("CloudWatch Logs ingestion (Lambda, Standard)", 0.50,
            1L << 30, "bytes", REGION, TAKEN, "https://aws.amazon.com/cloudwatch/pricing/",
            "Lambda logs are tiered vended logs since 1 May 2025, first tier $0.50/GB (the old flat rate) per"
                    + " duckbillgroup.com; the AWS page's own figure not in the stored copy; GB taken as 2^30 bytes");
    public static final Price SQS_REQUESTS = new Price("SQS standard requests", 0.40, 1_000_000,
            "requests (64 KB chunks)", REGION, TAKEN, "https://aws.amazon.com/sqs/pricing/",
            UNCONFIRMED + ": $0.40 per million standard-queue requests is the figure we know, not re-read from a"
                    + " stored page (the sample batch sends no dead letters, so it prices nothing here)");

    public static final List<Price> ALL = List.of(LAMBDA_REQUESTS, LAMBDA_X86_GB_SECOND, FIREHOSE_DIRECT_PUT_GB,
            SNS_REQUESTS, EVENTBRIDGE_CUSTOM_EVENTS, DYNAMODB_WRITE_REQUEST_UNITS, DYNAMODB_READ_REQUEST_UNITS,
            LOGS_INGESTION_GB, SQS_REQUESTS);

    private PriceList() {
    }
}
