package net.v6mostly.dns64;

import java.net.InetAddress;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Whether a query is taken on at all, shared by every listener (DESIGN.md §6: a limit per client
 * and a global one): the optional per-client rate ({@link RateLimiter}), then the client's share
 * of the in-flight limit ({@link ClientShares}), then the global {@code max-in-flight}. Each
 * refusal is counted under its own {@link Dns64Stat}; the query is dropped unanswered.
 */
final class Admission {
    private final Semaphore inFlight;
    private final ClientShares perClient;
    private final RateLimiter rate;
    private final Dns64Counters counters;

    Admission(Dns64Settings settings, Dns64Counters counters, LongSupplier nanoClock) {
        this.inFlight = new Semaphore(settings.maxInFlight());
        this.perClient = new ClientShares(Math.min(settings.abuse().inFlightPerClient(), settings.maxInFlight()));
        this.rate = new RateLimiter(settings.abuse().ratelimitPerClient(), nanoClock);
        this.counters = counters;
    }

    /** Whether {@code client} is within its query rate (every query, cached or not); counted when not. */
    boolean withinRate(InetAddress client) {
        if (rate.allow(client)) {
            return true;
        }
        counters.increment(Dns64Stat.RATE_LIMITED);
        return false;
    }

    /**
     * Takes an in-flight slot for a query of {@code client}: false, counted, when the client holds
     * its share or the proxy its limit. A true return must be followed by {@link #exit}.
     */
    boolean enter(InetAddress client) {
        if (!perClient.tryAcquire(client)) {
            counters.increment(Dns64Stat.CLIENT_IN_FLIGHT_LIMIT);
            return false;
        }
        if (!inFlight.tryAcquire()) {
            perClient.release(client);
            counters.increment(Dns64Stat.OVERLOAD_DROPPED);
            return false;
        }
        return true;
    }

    /** Gives back the slot {@link #enter} took. */
    void exit(InetAddress client) {
        inFlight.release();
        perClient.release(client);
    }

}
