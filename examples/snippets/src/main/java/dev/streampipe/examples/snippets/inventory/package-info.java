/**
 * The getting-started example: an inventory table's stream function on {@code streampipe-shared} and
 * {@code streampipe-aws} only, its topology ({@link dev.streampipe.examples.snippets.inventory.InventoryTopology}) and
 * its handler ({@link dev.streampipe.examples.snippets.inventory.InventoryHandler}).
 */
package dev.streampipe.examples.snippets.inventory;
