package dev.streampipe.system.deploy;

import java.net.SocketPermission;
import java.security.Permission;

/**
 * Run in a child JVM on a function artifact's classpath (plus this class alone): loads the handler class named
 * in {@code args[0]}, runs its public no-argument constructor as Lambda's runtime would, and prints
 * {@code PROBE-OK <class> from <location>}. Where the JDK still has a security manager (before 24), any socket
 * connect or host-name lookup during construction fails the probe; the caller's loopback trap covers the rest.
 * Uses the JDK only: the artifact must bring everything the handler needs.
 */
public final class HandlerProbe {

    private HandlerProbe() {
    }

    public static void main(String[] args) throws Exception {
        String guard = guardNetwork();
        Class<?> type = Class.forName(args[0]);
        type.getConstructor().newInstance();
        System.out.println("PROBE-OK " + type.getName() + " from "
                + type.getProtectionDomain().getCodeSource().getLocation() + " (" + guard + ")");
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static String guardNetwork() {
        if (Runtime.version().feature() >= 24) {
            return "no security manager on JDK " + Runtime.version().feature() + ": loopback trap only";
        }
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
                if (permission instanceof SocketPermission socket) {
                    throw new SecurityException("network access while constructing the handler: "
                            + socket.getName() + " " + socket.getActions());
                }
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
                checkPermission(permission);
            }
        });
        return "socket connects and lookups denied";
    }
}
