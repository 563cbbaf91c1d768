package net.v6mostly.xlat.rfc6146;

import static net.v6mostly.xlat.rfc6146.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 6888 REQ-12 mapping logs as RFC 5424 lines, and the non-blocking hand-off. */
class MappingLogTest {
    final Rfc5424Formatter f = new Rfc5424Formatter("gw1", "v6mostly");
    static final long T = 1_767_323_045_678L; // 2026-01-02T03:04:05.678Z

    @Test
    void bibCreateLine() {
        MappingEvent e = new MappingEvent(T, MappingEvent.Kind.BIB_CREATE, Protocol.UDP, H1.hi(), H1.lo(), 5000, P1,
                61000, 61000, 0, -1);
        assertThat(f.format(e)).isEqualTo("<134>1 2026-01-02T03:04:05.678Z gw1 v6mostly - bib-create [nat64@32473"
                + " proto=\"udp\" src6=\"2001:db8:1::1\" sport6=\"5000\" pool4=\"192.0.2.1\" port4=\"61000\"]");
    }

    @Test
    void blockLineCarriesTheRange_rfc7422() {
        MappingEvent e = new MappingEvent(T, MappingEvent.Kind.BLOCK_ALLOC, Protocol.TCP, H1.hi(), H1.lo(), -1, P1,
                1024, 1087, 0, -1);
        assertThat(f.format(e)).isEqualTo("<134>1 2026-01-02T03:04:05.678Z gw1 v6mostly - block-alloc [nat64@32473"
                + " proto=\"tcp\" src6=\"2001:db8:1::1\" pool4=\"192.0.2.1\" port4first=\"1024\" port4last=\"1087\"]");
    }

    @Test
    void sessionLineNamesTheDestination() {
        MappingEvent e = new MappingEvent(T, MappingEvent.Kind.SESSION_DELETE, Protocol.TCP, H1.hi(), H1.lo(), 40000,
                P1, 1500, 1500, SERVER, 443);
        assertThat(f.format(e)).endsWith("port4=\"1500\" dst4=\"198.51.100.7\" dport=\"443\"]");
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() {
        AsyncMappingLog log = new AsyncMappingLog(2);
        Nat64State s = new Nat64State(config(P1), log);
        Nat64Worker w = new Nat64Worker();
        for (int i = 0; i < 5; i++) {
            out(s, w, Protocol.UDP, H1, 3000 + i, SERVER, 53, 0, T);
        }
        assertThat(log.pending()).isEqualTo(2);
        assertThat(log.dropped()).isEqualTo(3);
        List<String> lines = new ArrayList<>();
        assertThat(log.drain(10, e -> lines.add(f.format(e)))).isEqualTo(2);
        assertThat(lines.get(0)).contains("bib-create").contains("sport6=\"3000\"");
    }

    @Test
    void sessionEventsOnlyWhenAskedFor() {
        List<MappingEvent> events = new ArrayList<>();
        Nat64State s = new Nat64State(config(P1).withLogging(true, 1), events::add);
        out(s, new Nat64Worker(), Protocol.UDP, H1, 3000, SERVER, 53, 0, 0);
        assertThat(events).extracting(MappingEvent::kind)
                .containsExactly(MappingEvent.Kind.BIB_CREATE, MappingEvent.Kind.SESSION_CREATE);
    }
}
