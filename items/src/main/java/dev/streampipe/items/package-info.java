/**
 * Typed items: a change record's images as the table's own item classes, mapped by the AWS SDK's DynamoDB Enhanced
 * Client ({@code TableSchema}), for predicates and mappers of a topology (artifact {@code streampipe-items}).
 *
 * <p>{@link dev.streampipe.items.ItemType} wraps a {@code TableSchema} ({@code fromBean}, {@code fromImmutableClass},
 * a static schema; a Java record works as a {@code @DynamoDbImmutable(builder = ...)} class with a builder);
 * {@link dev.streampipe.items.TypedChange} gives a record's old and new items, each image mapped once however many
 * routes read it; {@link dev.streampipe.items.Field} makes described predicates ({@code crossesBelow},
 * {@code becomes}, {@code changed}, {@code is}); {@link dev.streampipe.items.SdkItems} converts between the core's
 * items and the SDK's attribute maps. An image that does not map to its class is poison for the routes that read it,
 * never a batch failure.
 * <pre>{@code
 * static final ItemType<Inventory> INVENTORY = ItemType.of(TableSchema.fromImmutableClass(Inventory.class));
 * static final Field<Inventory, Integer> QUANTITY = INVENTORY.field("quantity", Inventory::quantity);
 *
 * Topology.builder()
 *         .split("stock")
 *         .branch(QUANTITY.crossesBelow(10), Route.named("low-stock").to("pages").needsNewImage()
 *                 .mapping(INVENTORY.mapper(c -> new LowStockPage(c.requireNewItem().sku()))))
 *         .noDefaultBranch()
 *         .build();
 * }</pre>
 */
package dev.streampipe.items;
