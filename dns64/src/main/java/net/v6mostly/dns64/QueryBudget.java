package net.v6mostly.dns64;

import net.v6mostly.dns64.Upstream.UpstreamException;

/**
 * The upstream work one client query may cause: at most {@code max-upstream-queries} messages sent
 * upstream, counting every CNAME hop ({@link ChainFollower}), both types of an AAAA synthesis
 * (RFC 6147 §5.1.6), every failover to the next upstream and every TCP retry after TC=1 (RFC 7766
 * §5). Without it one query naming a long chain, with every upstream slow, multiplies into
 * hops × types × upstreams messages. One budget per client query, used by the one thread that
 * resolves it.
 */
public final class QueryBudget {
    private final int limit;
    private int spent;

    /** A budget of {@code limit} upstream messages. */
    public QueryBudget(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("an upstream budget is at least 1");
        }
        this.limit = limit;
    }

    /** A budget no query reaches: for tools and tests that ask one question. */
    public static QueryBudget unlimited() {
        return new QueryBudget(Integer.MAX_VALUE);
    }

    /** Takes one message from the budget, or refuses: the query ends with SERVFAIL. */
    public void spend() throws UpstreamException {
        if (spent >= limit) {
            throw UpstreamException.budgetExceeded(limit);
        }
        spent++;
    }

    /** Messages spent so far. */
    public int spent() {
        return spent;
    }
}
