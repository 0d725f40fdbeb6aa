package dev.streampipe.items;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The tests' item class: a Java record, mapped by the Enhanced Client as an immutable class through its builder
 * (the SDK maps a record only so). Table keys {@code sku} and {@code warehouse}.
 */
@DynamoDbImmutable(builder = Inventory.Builder.class)
public record Inventory(@DynamoDbPartitionKey String sku, @DynamoDbSortKey String warehouse, Integer quantity,
                       String status) {

    static final ItemType<Inventory> TYPE = ItemType.of(
            software.amazon.awssdk.enhanced.dynamodb.TableSchema.fromImmutableClass(Inventory.class));

    public static Builder builder() {
        return new Builder();
    }

    /** The builder the Enhanced Client fills. */
    public static final class Builder {
        private String sku;
        private String warehouse;
        private Integer quantity;
        private String status;

        public Builder sku(String sku) {
            this.sku = sku;
            return this;
        }

        public Builder warehouse(String warehouse) {
            this.warehouse = warehouse;
            return this;
        }

        public Builder quantity(Integer quantity) {
            this.quantity = quantity;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Inventory build() {
            return new Inventory(sku, warehouse, quantity, status);
        }
    }
}
