/**
 * The cost table: {@link dev.streampipe.bench.cost.CostTable} runs streampipe's router, the per-record fan-out and a
 * per-record idempotency design over one sample batch on loopback endpoints, meters the billable units from what
 * the endpoints recorded ({@link dev.streampipe.bench.cost.UsageMeter}, by the rules in
 * {@link dev.streampipe.bench.cost.Billing}) and prices them per million stream records with the published list
 * prices of {@link dev.streampipe.bench.cost.PriceList}. Nothing reaches AWS.
 */
package dev.streampipe.bench.cost;
