package io.divconq.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The availability of one endpoint. {@code failureThreshold} consecutive endpoint faults (no connection, timeout,
 * 5xx) open it; while open, calls are held instead of sent. After a probe delay (doubling from
 * {@code probeInitial} up to {@code probeMax}) one call goes out as a probe (half-open): a reply closes the
 * breaker, another fault opens it again. {@link #outageExceeded()} tells when the endpoint has been unavailable
 * longer than {@code maxOutage}: only then do held calls fail. Thread-safe; the clock is injectable for tests.
 */
public final class CircuitBreaker {

    /** CLOSED: calls flow; OPEN: calls are held; HALF_OPEN: one probe call is out, the rest held. */
    public enum State { CLOSED, HALF_OPEN, OPEN }

    /**
     * @param failureThreshold consecutive endpoint faults that open the breaker
     * @param probeInitial     wait before the first probe after opening
     * @param probeMax         longest wait between probes
     * @param maxOutage        how long the endpoint may be unavailable before held calls fail for good
     */
    public record Settings(int failureThreshold, Duration probeInitial, Duration probeMax, Duration maxOutage) {

        /** 5 faults; probes after 0.5 s doubling to 10 s; give up after 15 minutes. */
        public static final Settings DEFAULT = new Settings(5, Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofMinutes(15));

        public Settings {
            Objects.requireNonNull(probeInitial, "probeInitial");
            Objects.requireNonNull(probeMax, "probeMax");
            Objects.requireNonNull(maxOutage, "maxOutage");
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
            }
            if (probeInitial.isNegative() || probeMax.compareTo(probeInitial) < 0) {
                throw new IllegalArgumentException("need 0 <= probeInitial <= probeMax");
            }
        }
    }

    /** A change of state, as reported to the listener. */
    public record Transition(State from, State to, int consecutiveFaults, Duration unavailableFor) {
    }

    private final Settings settings;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int consecutiveFaults;
    private long firstFaultNanos;
    private long nextProbeNanos;
    private int probesFailed;

    public CircuitBreaker(Settings settings, LongSupplier nanoClock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public Settings settings() {
        return settings;
    }

    public synchronized State state() {
        return state;
    }

    /**
     * May a call be sent now? Always when closed; when open and a probe is due, the caller becomes the probe
     * (the breaker turns half-open) and gets true; otherwise false: hold the call.
     *
     * @return the transition made, if any, in {@code out[0]}
     */
    public synchronized boolean tryPass(Transition[] out) {
        if (state == State.CLOSED) {
            return true;
        }
        if (state == State.OPEN && nanoClock.getAsLong() - nextProbeNanos >= 0) {
            out[0] = move(State.HALF_OPEN);
            return true;
        }
        return false;
    }

    /** The endpoint answered (any reply that is not a 5xx/408): closes the breaker. */
    public synchronized Transition onReply() {
        consecutiveFaults = 0;
        probesFailed = 0;
        return state == State.CLOSED ? null : move(State.CLOSED);
    }

    /** The endpoint could not be reached, timed out or answered 5xx/408. Returns the transition, if any. */
    public synchronized Transition onFault() {
        long now = nanoClock.getAsLong();
        if (consecutiveFaults++ == 0) {
            firstFaultNanos = now;
        }
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFaults >= settings.failureThreshold())) {
            if (state == State.HALF_OPEN) {
                probesFailed++;
            }
            nextProbeNanos = now + probeDelay(probesFailed).toNanos();
            return move(State.OPEN);
        }
        return null;
    }

    /** True while not closed and unavailable for longer than {@link Settings#maxOutage()}. */
    public synchronized boolean outageExceeded() {
        return state != State.CLOSED && unavailableNanos() > settings.maxOutage().toNanos();
    }

    /** How long the endpoint has been failing without a reply; zero when closed. */
    public synchronized Duration unavailableFor() {
        return state == State.CLOSED ? Duration.ZERO : Duration.ofNanos(unavailableNanos());
    }

    /** Time until the next probe may go out (zero if due or not open). */
    public synchronized Duration untilProbe() {
        return state != State.OPEN ? Duration.ZERO : Duration.ofNanos(Math.max(0, nextProbeNanos - nanoClock.getAsLong()));
    }

    private long unavailableNanos() {
        return nanoClock.getAsLong() - firstFaultNanos;
    }

    private Duration probeDelay(int failedProbes) {
        long nanos = settings.probeInitial().toNanos() << Math.min(failedProbes, 20);
        return Duration.ofNanos(Math.min(nanos, settings.probeMax().toNanos()));
    }

    private Transition move(State to) {
        Transition t = new Transition(state, to, consecutiveFaults, Duration.ofNanos(unavailableNanos()));
        state = to;
        return t;
    }
}
