package dev.streampipe.hotkey.advice;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes a {@link ThroughputAdvice} as pretty-printed JSON, snake_case keys, in a fixed order. */
final class AdviceJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private AdviceJson() {
    }

    static String write(ThroughputAdvice a) {
        StringWriter out = new StringWriter(4_096);
        try (JsonGenerator j = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            j.writeStartObject();
            j.writeStringField("table", a.table());
            j.writeObjectFieldStart("analysis");
            j.writeStringField("workload_summary", a.analysis().workloadSummary());
            strings(j, "hotspot_findings", a.analysis().hotspotFindings());
            j.writeStringField("capacity_findings", a.analysis().capacityFindings());
            j.writeEndObject();
            j.writeStringField("rationale", a.rationale());
            j.writeObjectFieldStart("recommendation");
            j.writeStringField("partition_strategy", a.recommendation().partitionStrategy());
            j.writeStringField("capacity_mode", a.recommendation().capacityMode());
            strings(j, "throttling_mitigation", a.recommendation().throttlingMitigation());
            strings(j, "operational_controls", a.recommendation().operationalControls());
            j.writeEndObject();
            j.writeArrayFieldStart("constraints");
            for (ThroughputAdvice.Constraint c : a.constraints()) {
                j.writeStartObject();
                j.writeStringField("id", c.id());
                j.writeStringField("target", c.target());
                j.writeStringField("value", c.value());
                j.writeStringField("priority", c.priority());
                j.writeStringField("source_agent", c.sourceAgent());
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeArrayFieldStart("trade_offs");
            for (ThroughputAdvice.TradeOff t : a.tradeOffs()) {
                j.writeStartObject();
                j.writeStringField("option", t.option());
                strings(j, "pros", t.pros());
                strings(j, "cons", t.cons());
                j.writeStringField("recommended_when", t.recommendedWhen());
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeNumberField("confidence", a.confidence());
            measurements(j, a.measurements());
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the advice", e);
        }
        return out.toString();
    }

    private static void measurements(JsonGenerator j, ThroughputAdvice.Measurements m) throws IOException {
        j.writeObjectFieldStart("measurements");
        j.writeNumberField("sample_seconds", m.sampleSeconds());
        j.writeNumberField("from_epoch_second", m.fromSecond());
        j.writeNumberField("to_epoch_second", m.toSecond());
        j.writeNumberField("peak_wcu_per_s", m.peakWcuPerSecond());
        j.writeNumberField("p99_wcu_per_s", m.p99WcuPerSecond());
        j.writeNumberField("mean_wcu_per_s", m.meanWcuPerSecond());
        j.writeNumberField("peak_rcu_per_s", m.peakRcuPerSecond());
        j.writeNumberField("p99_rcu_per_s", m.p99RcuPerSecond());
        j.writeNumberField("mean_rcu_per_s", m.meanRcuPerSecond());
        j.writeNumberField("top_keys_wcu_share", m.topKeysWcuShare());
        j.writeNumberField("top_keys_rcu_share", m.topKeysRcuShare());
        j.writeNumberField("keys_over_partition_limit", m.keysOverPartitionLimit());
        j.writeArrayFieldStart("hot_keys");
        for (ThroughputAdvice.HotKey k : m.hotKeys()) {
            j.writeStartObject();
            j.writeStringField("key", k.key());
            j.writeNumberField("peak_wcu_per_s", k.peakWcuPerSecond());
            j.writeNumberField("peak_rcu_per_s", k.peakRcuPerSecond());
            j.writeNumberField("wcu_share", k.wcuShare());
            j.writeNumberField("rcu_share", k.rcuShare());
            j.writeNumberField("write_shards_needed", k.writeShardsNeeded());
            j.writeNumberField("read_shards_needed", k.readShardsNeeded());
            j.writeStringField("read_pattern", k.readPattern());
            j.writeStringField("explanation", k.explanation());
            j.writeEndObject();
        }
        j.writeEndArray();
        ThroughputAdvice.Capacity c = m.capacity();
        j.writeObjectFieldStart("capacity");
        j.writeNumberField("on_demand_monthly_usd", c.onDemandMonthlyUsd());
        j.writeNumberField("provisioned_wcu", c.provisionedWcu());
        j.writeNumberField("provisioned_rcu", c.provisionedRcu());
        j.writeNumberField("provisioned_monthly_usd", c.provisionedMonthlyUsd());
        j.writeStringField("recommended", c.recommended());
        j.writeStringField("headroom_policy", c.headroomPolicy());
        j.writeStringField("prices_source", c.pricesSource());
        j.writeEndObject();
        j.writeObjectFieldStart("throttles_by_reason");
        for (Map.Entry<String, Long> e : m.throttlesByReason().entrySet()) {
            j.writeNumberField(e.getKey(), e.getValue());
        }
        j.writeEndObject();
        j.writeEndObject();
    }

    private static void strings(JsonGenerator j, String name, List<String> values) throws IOException {
        j.writeArrayFieldStart(name);
        for (String v : values) {
            j.writeString(v);
        }
        j.writeEndArray();
    }
}
