package dev.flowline.server;

/** The version of this build, from the jar's manifest. */
public final class FlowlineVersion {
    private FlowlineVersion() {}

    public static String get() {
        String version = FlowlineVersion.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
