package dev.streampipe.hotkey.internal;

import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Threshold;
import java.time.Duration;
import java.time.Instant;

/**
 * The per-key state machine: {@code OK → HOT} when any limit of the threshold is exceeded;
 * {@code HOT → RECOVERED} once all four rates stayed below {@code recoveryFraction × threshold}
 * for {@code recoveryHold} (hysteresis); {@code RECOVERED → OK}, or {@code → HOT} if the key is
 * over its threshold again, only once {@code cooldown} has passed since recovery.
 */
public final class AlertPolicy {

    private final double recoveryFraction;
    private final long recoveryHoldMillis;
    private final long cooldownMillis;

    public AlertPolicy(double recoveryFraction, Duration recoveryHold, Duration cooldown) {
        this.recoveryFraction = recoveryFraction;
        this.recoveryHoldMillis = recoveryHold.toMillis();
        this.cooldownMillis = cooldown.toMillis();
    }

    /** Applies one observation to {@code candidate}; returns the transition, or null if none. */
    AlertTransition step(String table, Candidate candidate, Rates rates, Instant now) {
        Threshold threshold = candidate.threshold;
        long nowMillis = now.toEpochMilli();
        boolean exceeded = threshold.isExceededBy(rates.wcu(), rates.writes(), rates.rcu(), rates.reads());
        KeyState from = candidate.state;
        KeyState to = switch (from) {
            case OK -> exceeded ? KeyState.HOT : KeyState.OK;
            case HOT -> hotNext(candidate, rates, threshold, nowMillis);
            case RECOVERED -> nowMillis - candidate.recoveredAtMillis < cooldownMillis ? KeyState.RECOVERED
                    : exceeded ? KeyState.HOT : KeyState.OK;
        };
        if (to == from) {
            return null;
        }
        candidate.state = to;
        candidate.belowSinceMillis = Candidate.NEVER;
        candidate.recoveredAtMillis = to == KeyState.RECOVERED ? nowMillis : Candidate.NEVER;
        return new AlertTransition(table, candidate.key, from, to, rates.wcu(), rates.writes(),
                rates.rcu(), rates.reads(), threshold, now);
    }

    private KeyState hotNext(Candidate candidate, Rates rates, Threshold threshold, long nowMillis) {
        if (!threshold.isClearedBy(rates.wcu(), rates.writes(), rates.rcu(), rates.reads(), recoveryFraction)) {
            candidate.belowSinceMillis = Candidate.NEVER;
            return KeyState.HOT;
        }
        if (candidate.belowSinceMillis == Candidate.NEVER) {
            candidate.belowSinceMillis = nowMillis;
        }
        return nowMillis - candidate.belowSinceMillis >= recoveryHoldMillis ? KeyState.RECOVERED : KeyState.HOT;
    }
}
