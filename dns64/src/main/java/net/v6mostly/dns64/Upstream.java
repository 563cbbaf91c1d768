package net.v6mostly.dns64;

import org.xbill.DNS.Message;

/**
 * Whom the proxy asks: the configured resolvers ({@link UpstreamClient}) or, in tests, a fake.
 */
@FunctionalInterface
public interface Upstream {
    /**
     * Sends {@code query} and returns the matching response.
     *
     * @throws UpstreamException when no upstream answered; {@link UpstreamException#timedOut()}
     *                           says whether every failure was a timeout
     */
    Message ask(Message query) throws UpstreamException;

    /**
     * As {@link #ask(Message)}, paying each message sent from {@code budget}; an implementation
     * that sends more than one (failover, TCP retry) pays for each.
     *
     * @throws UpstreamException also when the budget is spent ({@link UpstreamException#budgetExceeded()})
     */
    default Message ask(Message query, QueryBudget budget) throws UpstreamException {
        budget.spend();
        return ask(query);
    }

    /** No upstream gave a usable answer, or the query's upstream budget is spent. */
    final class UpstreamException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;
        private final boolean budgetExceeded;

        /** {@code timedOut}: every attempt timed out (as opposed to failing otherwise). */
        public UpstreamException(String message, boolean timedOut) {
            this(message, timedOut, false);
        }

        private UpstreamException(String message, boolean timedOut, boolean budgetExceeded) {
            super(message, null, false, false);
            this.timedOut = timedOut;
            this.budgetExceeded = budgetExceeded;
        }

        /** The query may not send more than {@code limit} messages upstream ({@link QueryBudget}). */
        public static UpstreamException budgetExceeded(int limit) {
            return new UpstreamException("upstream budget of " + limit + " messages spent", false, true);
        }

        /** Whether every attempt timed out. */
        public boolean timedOut() {
            return timedOut;
        }

        /** Whether the query's upstream budget ran out ({@link QueryBudget}). */
        public boolean budgetExceeded() {
            return budgetExceeded;
        }
    }
}
