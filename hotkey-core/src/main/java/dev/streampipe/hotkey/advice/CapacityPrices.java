package dev.streampipe.hotkey.advice;

import java.util.Objects;

/**
 * DynamoDB throughput list prices for one region and table class, with where they come from.
 *
 * @param region                  AWS region
 * @param asOf                    the date the prices were published or last checked
 * @param source                  where they come from, and how far they were verified
 * @param perMillionWriteRequests on-demand: USD per million write request units
 * @param perMillionReadRequests  on-demand: USD per million read request units
 * @param perWcuHour              provisioned: USD per WCU-hour
 * @param perRcuHour              provisioned: USD per RCU-hour
 */
public record CapacityPrices(String region, String asOf, String source, double perMillionWriteRequests,
                             double perMillionReadRequests, double perWcuHour, double perRcuHour) {

    /**
     * us-east-1, DynamoDB Standard table class, after the on-demand price cut of November 2024: on-demand
     * $0.625 per million WRU and $0.125 per million RRU; provisioned $0.00065 per WCU-hour and $0.00013 per
     * RCU-hour. Source: aws.amazon.com/dynamodb/pricing (on-demand and provisioned pages) as of 2024-11-14; the
     * figures were matched here only against secondary copies of those pages, not the AWS page itself:
     * "as of 2024-11, unverified here".
     */
    public static final CapacityPrices US_EAST_1_STANDARD = new CapacityPrices("us-east-1", "2024-11-14",
            "aws.amazon.com/dynamodb/pricing (on-demand, provisioned), Standard table class; checked only against "
                    + "secondary copies of that page",
            0.625, 0.125, 0.00065, 0.00013);

    public CapacityPrices {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(source, "source");
        for (double price : new double[] {perMillionWriteRequests, perMillionReadRequests, perWcuHour, perRcuHour}) {
            if (!(price >= 0) || Double.isInfinite(price)) {
                throw new IllegalArgumentException("prices must be finite and >= 0, was " + price);
            }
        }
    }
}
