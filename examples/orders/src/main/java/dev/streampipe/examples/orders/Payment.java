package dev.streampipe.examples.orders;

import java.math.BigDecimal;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** A payment item ({@code SK = PAYMENT#<n>}) as the Enhanced Client maps it: only what the topology reads. */
@DynamoDbBean
public class Payment {
    private String status;
    private String reason;
    private BigDecimal amount;

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }
}
