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

    /** No upstream gave a usable answer. */
    final class UpstreamException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        /** {@code timedOut}: every attempt timed out (as opposed to failing otherwise). */
        public UpstreamException(String message, boolean timedOut) {
            super(message, null, false, false);
            this.timedOut = timedOut;
        }

        /** Whether every attempt timed out. */
        public boolean timedOut() {
            return timedOut;
        }
    }
}
