package dev.streampipe.monitor.kcl;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What KCL and the DynamoDB Streams Kinesis adapter need to read a DynamoDB Local stream.
 *
 * <p>DynamoDB Local names its streams {@code arn:aws:dynamodb:ddblocal:...}; the adapter rejects a
 * region it does not know. So the adapter is given the same ARN with a real region
 * ({@link #toRegionalArn}) and reads through {@link #rewritingClient}, which swaps the region back on
 * the way to DynamoDB Local and forth on the way back. The other two needs, the lease table with its
 * lease-owner index and one shard sync before the scheduler starts, are done for every stream by
 * {@link LeaseBootstrap}; {@link KclScheduler} applies all of it when the ARN is local.
 */
public final class LocalStreams {

    /** The region DynamoDB Local writes into its ARNs. */
    public static final String LOCAL_REGION = "ddblocal";

    private static final Pattern ARN_REGION = Pattern.compile("^(arn:[^:]+:dynamodb:)([^:]*)(:.*)$", Pattern.DOTALL);

    private LocalStreams() {
    }

    /** True when {@code streamArn}'s region is DynamoDB Local's. */
    public static boolean isLocal(String streamArn) {
        Matcher m = ARN_REGION.matcher(Objects.requireNonNull(streamArn, "streamArn"));
        return m.matches() && LOCAL_REGION.equals(m.group(2));
    }

    /** {@code streamArn} with its {@code ddblocal} region replaced by {@code region}; other ARNs unchanged. */
    public static String toRegionalArn(String streamArn, Region region) {
        return replaceRegion(streamArn, LOCAL_REGION, region.id());
    }

    /** {@code streamArn} with {@code region} replaced by {@code ddblocal}; other ARNs unchanged. */
    public static String toLocalArn(String streamArn, Region region) {
        return replaceRegion(streamArn, region.id(), LOCAL_REGION);
    }

    /**
     * A streams client for the adapter: requests naming {@code region} reach {@code local} as
     * {@code ddblocal}, responses come back naming {@code region}. Closing it leaves {@code local} open.
     */
    public static DynamoDbStreamsClient rewritingClient(DynamoDbStreamsClient local, Region region) {
        return new RegionRewritingStreamsClient(local, region);
    }

    private static String replaceRegion(String arn, String from, String to) {
        if (arn == null) {
            return null;
        }
        Matcher m = ARN_REGION.matcher(arn);
        if (m.matches() && m.group(2).equals(from)) {
            return m.group(1) + to + m.group(3);
        }
        return arn;
    }
}
