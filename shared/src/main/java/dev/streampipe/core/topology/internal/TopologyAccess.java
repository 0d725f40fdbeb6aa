package dev.streampipe.core.topology.internal;

import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.util.Objects;

/**
 * What the public topology package lets this package see, without making it public API (the JDK's "shared secrets"
 * pattern): {@link Topology}'s static initializer registers the one implementation, and only this package reads it.
 */
public abstract class TopologyAccess {
    private static volatile TopologyAccess registered;

    protected TopologyAccess() {
    }

    /** Called once, by {@link Topology}'s static initializer; a second registration fails. */
    public static synchronized void register(TopologyAccess access) {
        if (registered != null) {
            throw new IllegalStateException("the topology access is registered already");
        }
        registered = Objects.requireNonNull(access, "access");
    }

    /** The registered access; initializes {@link Topology} first when nothing has loaded it yet. */
    static TopologyAccess get() {
        TopologyAccess access = registered;
        if (access == null) {
            try {
                Class.forName(Topology.class.getName(), true, Topology.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = registered;
        }
        return access;
    }

    /** The engine's form of {@code topology}, made when it was built. */
    protected abstract CompiledTopology compiled(Topology topology);

    /**
     * The route a split takes a record to when its predicate cannot read it: named {@code name}, sending nowhere,
     * rejecting every record with {@code reason}.
     */
    protected abstract Route rejectingRoute(String name, String reason);
}
