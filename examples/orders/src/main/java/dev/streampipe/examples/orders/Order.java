package dev.streampipe.examples.orders;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** An order item ({@code SK = ORDER#<id>}) as the Enhanced Client maps it: only what the topology reads. */
@DynamoDbBean
public class Order {
    private String status;

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
