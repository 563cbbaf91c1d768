/**
 * Stateful NAT64 (RFC 6146 §3): the state engine ({@code Nat64State}: BIB and session tables,
 * pool4 port allocation, the TCP state machine, filtering, static entries, mapping logs) and the
 * pipeline over it ({@code Nat64Pipeline}: tuple extraction §3.4, filtering and updating §3.5,
 * outgoing tuple §3.6, translation §3.7 with {@code rfc7915}, hairpinning §3.8). Pure and
 * clock-free: time is passed in; the TUN workers in the {@code linux} module drive it.
 *
 * <h2>The engine's API, as the pipeline uses it</h2>
 * <pre>{@code
 * Nat64State state = new Nat64State(config, new AsyncMappingLog(65536));
 * Nat64Worker w = new Nat64Worker();                 // one per worker thread
 * Nat64Stat r = state.lookup64(w, Protocol.UDP, src6Hi, src6Lo, sport, dst4, dport, 0, now);
 * if (r.passes()) { rewrite source to (w.addr4, w.port4) }
 * else { errors.send6(..., r.answer(), ...) }   // IcmpAnswer.V6_ADDRESS_UNREACHABLE on exhaustion
 * r = state.lookup46(w, Protocol.TCP, pool4, port4, src4, sport, tcpFlags, now);
 * if (r.passes()) { rewrite destination to (w.hi, w.lo, w.port6) }
 * new SessionSweeper(state).sweep(now, 4096, sweeperWorker, listener);    // one thread, often
 * }</pre>
 * ICMP query messages pass the Identifier as the port. Refusals name the ICMP answer in the stat.
 * Quotas are per subscriber, an IPv6 prefix ({@code Subscribers}, RFC 6888 REQ-4/REQ-5), under
 * global caps on BIB entries and sessions; mapping logs begin with a {@code nat64-start} marker.
 */
package net.v6mostly.xlat.rfc6146;
