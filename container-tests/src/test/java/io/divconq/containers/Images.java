package io.divconq.containers;

import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/** The images docker/build-images.sh makes (override with -Ddivconq.image.tag=...); never pulled. */
public final class Images {

    private static final String TAG = System.getProperty("divconq.image.tag", "local");
    public static final String DIVCONQ = "divconq:" + TAG;
    /** DIVCONQ with one backward-compatible schema change: Solution has an optional {@code reviewNote}. */
    public static final String DIVCONQ_NEXT = "divconq:" + TAG + "-next";
    public static final String KAFKA = "divconq-kafka:" + TAG;

    /**
     * JVM options for the suites' short-lived JVMs on a shared 2-core machine: the C1 compiler only and the serial
     * collector spend far less CPU starting up than C2 and G1 do, and nothing here runs long enough to need them.
     */
    public static final String SHORT_LIVED_JVM = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    /** Local images only: there is no registry to pull from. */
    public static final ImagePullPolicy NEVER_PULL = image -> false;

    private Images() {
    }

    public static DockerImageName name(String image) {
        return DockerImageName.parse(image);
    }
}
