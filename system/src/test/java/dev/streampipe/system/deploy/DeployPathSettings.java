package dev.streampipe.system.deploy;

import java.nio.file.Path;
import java.util.List;

/**
 * What the deploy-path test takes from the Maven build running it (failsafe system properties, see
 * {@code system/pom.xml}).
 *
 * @param root            the repository checkout
 * @param version         the project version
 * @param mavenHome       the Maven installation running this build
 * @param localRepository the build's own local repository (read, never written)
 * @param sharedJar       the built {@code streampipe-shared} jar
 * @param sessionJar      the built {@code streampipe-session} jar (the session domain both functions use)
 * @param testUtilsJar    the built {@code streampipe-test-utils} jar (the functions' tests run on its test driver)
 * @param testAwsJar      the built {@code streampipe-test-aws} jar (the functions' tests use its AWS endpoints)
 * @param emulatorJar     the built {@code streampipe-emulator} jar (the functions' ITs start moto with it)
 * @param awsJar          the built {@code streampipe-aws} jar (the stream runtime and AWS adapters the router runs on)
 * @param itemsJar        the built {@code streampipe-items} jar (typed items, which a user's own function uses)
 * @param logs            where the Maven logs of each function's build go
 */
record DeployPathSettings(Path root, String version, Path mavenHome, Path localRepository, Path sharedJar,
                          Path sessionJar, Path testUtilsJar, Path testAwsJar, Path emulatorJar, Path awsJar, Path itemsJar,
                          Path logs) {

    /**
     * Reads the settings.
     *
     * @throws IllegalStateException naming the property when one is missing, or when Maven is older than 3.9
     *                               (the chained local repository that keeps {@code ~/.m2} unwritten needs 3.9)
     */
    static DeployPathSettings fromSystemProperties() {
        String mavenVersion = required("streampipe.mavenVersion");
        if (!atLeast39(mavenVersion)) {
            throw new IllegalStateException("the deploy-path test needs Maven 3.9 or newer (chained local "
                    + "repository), this build runs " + mavenVersion + "; run it with ./mvnw");
        }
        return new DeployPathSettings(path("streampipe.root"), required("streampipe.version"), path("maven.home"),
                path("streampipe.localRepository"), path("streampipe.sharedJar"), path("streampipe.sessionJar"),
                path("streampipe.testUtilsJar"),
                path("streampipe.testAwsJar"), path("streampipe.emulatorJar"), path("streampipe.awsJar"),
                path("streampipe.itemsJar"), path("streampipe.samBuildLogs"));
    }

    /**
     * A fresh head repository under {@code folder} holding what the functions' POMs read from the local
     * repository: the parent POM, the BOM, {@code streampipe-shared}, {@code streampipe-session}, {@code streampipe-test-utils},
     * {@code streampipe-test-aws}, {@code streampipe-emulator}, {@code streampipe-aws} and {@code streampipe-items}.
     */
    HeadRepository seedHeadRepository(Path folder) {
        return HeadRepository.seed(folder, root, version, List.of(
                HeadRepository.Module.pomOnly("streampipe-bom", root.resolve("bom")),
                new HeadRepository.Module("streampipe-shared", root.resolve("shared"), sharedJar),
                new HeadRepository.Module("streampipe-session", root.resolve("session"), sessionJar),
                new HeadRepository.Module("streampipe-test-utils", root.resolve("test-utils"), testUtilsJar),
                new HeadRepository.Module("streampipe-test-aws", root.resolve("test-aws"), testAwsJar),
                new HeadRepository.Module("streampipe-emulator", root.resolve("emulator"), emulatorJar),
                new HeadRepository.Module("streampipe-aws", root.resolve("streampipe-aws"), awsJar),
                new HeadRepository.Module("streampipe-items", root.resolve("items"), itemsJar)));
    }

    private static boolean atLeast39(String version) {
        String[] parts = version.split("[.-]");
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return major > 3 || (major == 3 && minor >= 9);
    }

    private static Path path(String name) {
        return Path.of(required(name)).toAbsolutePath().normalize();
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + name + " is not set: run this test through "
                    + "Maven (./mvnw -B verify), whose failsafe configuration in system/pom.xml sets it");
        }
        return value;
    }
}
