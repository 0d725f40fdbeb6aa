package dev.streampipe.bench.cost;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One published list price: {@code usd} per {@code per} {@code unit}s in {@code region}, as read from
 * {@code source} on {@code taken}; {@code evidence} says what the figure was checked against, or that it could not
 * be confirmed.
 */
public record Price(String name, double usd, double per, String unit, String region, LocalDate taken, String source,
                    String evidence) {

    public Price {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(taken, "taken");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(evidence, "evidence");
        if (!(usd >= 0) || !(per > 0)) {
            throw new IllegalArgumentException("price must be >= 0 per > 0 units, was " + usd + " per " + per);
        }
    }

    /** The cost of {@code units} units. */
    public double of(double units) {
        return usd * units / per;
    }

    /** True unless {@link #evidence()} says the figure could not be confirmed. */
    public boolean confirmed() {
        return !evidence.startsWith(PriceList.UNCONFIRMED);
    }
}
