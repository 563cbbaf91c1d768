package net.v6mostly.dhcp4;

import java.util.List;

/**
 * One client message handled against one subnet: the server side of RFC 2131 §4.3 (DISCOVER
 * §4.3.1, REQUEST §4.3.2, DECLINE §4.3.3, RELEASE §4.3.4, INFORM §4.3.5) and the Option 108
 * decision of RFC 8925 §3.3. Lives for one call of {@link Dhcp4Engine#handle}.
 */
final class Transaction {
    private static final int IPV6_ONLY = 0;
    private static final int LEASED = 1;
    private static final int DUAL_STACK = 2;

    private final Dhcp4Engine engine;
    private final LeaseTable table;
    private final DhcpMessage m;
    private final Subnet s;
    private final Dhcp4Engine.Client c;
    private final long now;
    private final Reservation reservation;
    private final long v6OnlyWait;

    Transaction(Dhcp4Engine engine, DhcpMessage m, Subnet s, Dhcp4Engine.Client c, long now) {
        this.engine = engine;
        this.table = engine.table();
        this.m = m;
        this.s = s;
        this.c = c;
        this.now = now;
        this.reservation = s.reservationFor(c.clientId(), c.hw());
        this.v6OnlyWait = v6OnlyWait();
    }

    /**
     * RFC 8925 §3.3: option 108 only when the client's PRL names it and the scope enables it; the
     * scope is the reservation's pool, else the first pool that enables it (that pool would serve
     * the client), else the subnet when it has no pools. A reservation may opt the device out, and
     * the gateway may withhold the option from everyone while the NAT64 or DNS64 behind it is down
     * ({@link Dhcp4Engine#suspendV6Only}).
     */
    private long v6OnlyWait() {
        if (!c.asks108() || engine.v6OnlySuspended() || reservation != null && !reservation.ipv6OnlyAllowed()) {
            return Subnet.V6ONLY_OFF;
        }
        if (reservation != null && reservation.address() != 0) {
            return s.v6OnlyWait(s.poolOf(reservation.address()));
        }
        for (Pool p : s.pools()) {
            if (s.v6OnlyWait(p) >= 0) {
                return s.v6OnlyWait(p);
            }
        }
        return s.pools().isEmpty() ? s.v6OnlyWait() : Subnet.V6ONLY_OFF;
    }

    /** RFC 2131 §4.3.1, with RFC 8925 §3.3: "SHOULD NOT assign an address ... yiaddr 0.0.0.0". */
    Outcome discover() {
        if (v6OnlyWait >= 0) {
            return v6Only(MessageType.OFFER, Dhcp4Stat.OFFER_V6ONLY);
        }
        int address = choose();
        if (address == 0) {
            return Outcome.silent(Dhcp4Stat.POOL_EXHAUSTED);
        }
        table.offer(c.key(), address, now + engine.config().offerHoldSeconds());
        DhcpMessage reply = Replies.answer(m, MessageType.OFFER, s, 0, address, s.leaseSeconds(), -1, true);
        return new Outcome(Dhcp4Stat.OFFER_SENT, reply, Replies.destination(m, reply, false), List.of());
    }

    /** RFC 2131 §4.3.2: the client state follows from server id, requested address and ciaddr. */
    Outcome request(boolean toBroadcast) {
        int serverId = m.options().address(DhcpOption.SERVER_ID);
        int requested = m.options().address(DhcpOption.REQUESTED_IP);
        if (serverId != 0) {                                  // SELECTING
            if (serverId != s.serverId()) {
                table.dropOffer(c.key());
                return Outcome.silent(Dhcp4Stat.REQUEST_FOR_OTHER_SERVER);
            }
            if (v6OnlyWait >= 0) {
                return v6Only(MessageType.ACK, Dhcp4Stat.ACK_V6ONLY);
            }
            if (requested == 0 || m.ciaddr() != 0) {
                return Outcome.silent(Dhcp4Stat.REQUEST_BAD_STATE);
            }
            return allowed(requested) ? bind(requested, 0, Dhcp4Stat.ACK_SELECTING) : nak(Dhcp4Stat.NAK_NOT_AVAILABLE);
        }
        if (requested != 0) {                                 // INIT-REBOOT
            if (m.ciaddr() != 0) {
                return Outcome.silent(Dhcp4Stat.REQUEST_BAD_STATE);
            }
            if (v6OnlyWait >= 0) {
                return v6Only(MessageType.ACK, Dhcp4Stat.ACK_V6ONLY);
            }
            if (!s.prefix().contains(requested)) {
                return nak(Dhcp4Stat.NAK_WRONG_NETWORK);
            }
            LeaseTable.Lease known = table.lease(c.key());
            boolean reserved = reservation != null && reservation.address() == requested;
            if (known == null && !reserved) {
                return Outcome.silent(Dhcp4Stat.INIT_REBOOT_UNKNOWN_CLIENT);
            }
            return (reserved || known.address() == requested) && allowed(requested)
                    ? bind(requested, 0, Dhcp4Stat.ACK_INIT_REBOOT) : nak(Dhcp4Stat.NAK_NOT_AVAILABLE);
        }
        if (m.ciaddr() != 0) {                                // RENEWING (unicast) or REBINDING (broadcast)
            if (!s.prefix().contains(m.ciaddr())) {
                return nak(Dhcp4Stat.NAK_WRONG_NETWORK);
            }
            Dhcp4Stat ack = toBroadcast ? Dhcp4Stat.ACK_REBINDING : Dhcp4Stat.ACK_RENEWING;
            return allowed(m.ciaddr()) ? bind(m.ciaddr(), m.ciaddr(), ack) : nak(Dhcp4Stat.NAK_NOT_AVAILABLE);
        }
        return Outcome.silent(Dhcp4Stat.REQUEST_BAD_STATE);
    }

    /**
     * RFC 2131 §4.3.3: the address is in use elsewhere; take it out of use for the quarantine time,
     * unless the client already has its share of quarantined addresses or the subnet its share of
     * the pool (then the DHCPDECLINE is refused, counted, and nothing changes).
     */
    Outcome decline() {
        int address = m.options().address(DhcpOption.REQUESTED_IP);
        LeaseTable.Lease lease = table.lease(c.key());
        if (m.options().address(DhcpOption.SERVER_ID) != s.serverId() || lease == null || lease.address() != address) {
            return Outcome.silent(Dhcp4Stat.DECLINE_IGNORED);
        }
        int[] held = table.quarantined(c.key(), s.prefix(), now);
        if (held[1] >= engine.config().declineLimitPerClient()) {
            return Outcome.silent(Dhcp4Stat.DECLINE_CLIENT_LIMIT);
        }
        if (held[2] >= declineLimit()) {
            return Outcome.silent(Dhcp4Stat.DECLINE_POOL_LIMIT);
        }
        long until = now + engine.config().declineQuarantineSeconds();
        table.quarantine(address, until, c.key());
        return new Outcome(Dhcp4Stat.DECLINE_QUARANTINED, null, null,
                List.of(new LeaseChange(LeaseChange.Kind.DECLINED, c.key(), address, until)));
    }

    /** Addresses of this subnet that may be in quarantine at once: a share of its pools, at least one. */
    private long declineLimit() {
        long addresses = 0;
        for (Pool p : s.pools()) {
            addresses += p.size();
        }
        return Math.max(1, addresses * engine.config().declineLimitPercent() / 100);
    }

    /** RFC 2131 §4.3.4: the client gives its lease (ciaddr) back. */
    Outcome release() {
        LeaseTable.Lease lease = table.lease(c.key());
        if (lease == null || lease.address() != m.ciaddr() || lease.until() <= now) {
            return Outcome.silent(Dhcp4Stat.RELEASE_IGNORED);
        }
        table.release(c.key());
        return new Outcome(Dhcp4Stat.RELEASED, null, null,
                List.of(new LeaseChange(LeaseChange.Kind.RELEASED, c.key(), lease.address(), now)));
    }

    /**
     * RFC 2131 §4.3.5: configuration only, "MUST NOT" carry a lease time nor fill yiaddr; sent to
     * ciaddr. Option 108 is included under the RFC 8925 §3.3 rule for every DHCPACK.
     */
    Outcome inform() {
        if (m.ciaddr() == 0) {
            return Outcome.silent(Dhcp4Stat.INFORM_WITHOUT_CIADDR);
        }
        DhcpMessage reply = Replies.answer(m, MessageType.ACK, s, m.ciaddr(), 0, 0, v6OnlyWait, true);
        return new Outcome(Dhcp4Stat.ACK_INFORM, reply, Replies.destination(m, reply, false), List.of());
    }

    private Outcome v6Only(MessageType type, Dhcp4Stat stat) {
        engine.adopt(s, IPV6_ONLY, c.key());
        table.dropOffer(c.key());
        DhcpMessage reply = Replies.answer(m, type, s, 0, 0, 0, v6OnlyWait, false);
        return new Outcome(stat, reply, Replies.destination(m, reply, false), List.of());
    }

    private Outcome bind(int address, int ciaddr, Dhcp4Stat stat) {
        long until = now + s.leaseSeconds();
        table.bind(c.key(), address, until);
        engine.adopt(s, LEASED, c.key());
        if (c.asks108() && v6OnlyWait < 0) {
            engine.adopt(s, DUAL_STACK, c.key());
        }
        DhcpMessage reply = Replies.answer(m, MessageType.ACK, s, ciaddr, address, s.leaseSeconds(), v6OnlyWait, true);
        return new Outcome(stat, reply, Replies.destination(m, reply, false),
                List.of(new LeaseChange(LeaseChange.Kind.BOUND, c.key(), address, until)));
    }

    private Outcome nak(Dhcp4Stat stat) {
        table.dropOffer(c.key());
        DhcpMessage reply = Replies.nak(m, s);
        return new Outcome(stat, reply, Replies.destination(m, reply, true), List.of());
    }

    /**
     * Whether this client may hold {@code a}: inside the subnet, its reserved address or (without
     * one) in a pool and reserved for nobody, and not bound, offered or quarantined elsewhere.
     */
    private boolean allowed(int a) {
        if (!s.prefix().contains(a) || !table.isFreeFor(a, c.key(), now)) {
            return false;
        }
        if (reservation != null && reservation.address() != 0) {
            return a == reservation.address();
        }
        return s.poolOf(a) != null && !s.isReserved(a);
    }

    /** §4.3.1 address choice: reserved, current or previous binding, held offer, requested, next free (next fit). */
    private int choose() {
        if (reservation != null && reservation.address() != 0) {
            return allowed(reservation.address()) ? reservation.address() : 0;
        }
        LeaseTable.Lease offer = table.offer(c.key(), now);
        if (offer != null && allowed(offer.address())) {
            return offer.address();
        }
        LeaseTable.Lease previous = table.lease(c.key());
        if (previous != null && allowed(previous.address())) {
            return previous.address();
        }
        int requested = m.options().address(DhcpOption.REQUESTED_IP);
        if (requested != 0 && allowed(requested)) {
            return requested;
        }
        for (Pool p : s.pools()) {
            int a = table.knownFull(p, now) ? 0 : search(p);
            if (a != 0) {
                return a;
            }
        }
        return 0;
    }

    /**
     * The next free address of {@code p} from its cursor (next fit), or 0; a search that finds the
     * pool full records when the first address frees, so the DHCPDISCOVERs until then skip it.
     */
    private int search(Pool p) {
        int start = table.cursor(p);
        int a = start;
        long nextFree = Long.MAX_VALUE;
        do {
            if (allowed(a)) {
                table.advance(p, a);
                return a;
            }
            if (s.prefix().contains(a) && s.poolOf(a) != null && !s.isReserved(a)) {
                nextFree = Math.min(nextFree, table.freeAt(a, c.key(), now));
            }
            a = a == p.last() ? p.first() : a + 1;
        } while (a != start);
        table.full(p, nextFree);
        return 0;
    }
}
