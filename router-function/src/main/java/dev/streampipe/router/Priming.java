package dev.streampipe.router;


/**
 * The event the runtime decodes and routes through every session route before a SnapStart snapshot, so the classes
 * and code paths of a real invocation are loaded and initialised in the snapshot. Touches no network.
 */
final class Priming {
    static final String SAMPLE = "{\"Records\":["
            + record("1", "INSERT", "TURN#000010", "\"NewImage\":{\"PK\":{\"S\":\"SESSION#prime\"},\"SK\":{\"S\":\"TURN#000010\"},"
                    + "\"turn_number\":{\"N\":\"10\"},\"content\":{\"B\":\"eJwrSS0uAQAEXQHB\"}}")
            + "," + record("2", "MODIFY", "META", "\"OldImage\":{\"status\":{\"S\":\"active\"}},"
                    + "\"NewImage\":{\"status\":{\"S\":\"handoff\"},\"customer_id\":{\"S\":\"c\"}}")
            + "," + record("3", "INSERT", "HANDOFF#2026", "\"NewImage\":{\"agent_id\":{\"S\":\"a\"},\"reason\":{\"S\":\"r\"}}")
            + "]}";

    private Priming() {
    }

    private static String record(String id, String name, String sk, String images) {
        return "{\"eventID\":\"prime-" + id + "\",\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\","
                + "\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:000000000000:table/prime/stream/x\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1763640000.5,\"Keys\":{\"PK\":{\"S\":\"SESSION#prime\"},"
                + "\"SK\":{\"S\":\"" + sk + "\"}}," + images + ",\"SequenceNumber\":\"" + id + "00\",\"SizeBytes\":64,"
                + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}";
    }
}
