package net.v6mostly.xlat.rfc6146;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;

/**
 * Mapping log events as RFC 5424 syslog lines (RFC 6888 REQ-12; RFC 7422 §2 for block lines):
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID [nat64@32473 ...]}. Facility local0, severity
 * informational (PRI 134); UTC timestamps with milliseconds (RFC 5424 §6.2.3); the MSGID is the
 * event kind. The SD-ID uses 32473, the IANA example enterprise number (RFC 5612), until the project
 * has its own. Destination fields appear only on session events (RFC 6888 REQ-12). The restart
 * marker is {@code nat64-start [nat64@32473 start="TIMESTAMP"]}.
 */
public final class Rfc5424Formatter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String hostname;
    private final String appName;

    /** Formatter for lines from {@code hostname} by {@code appName} (both printable ASCII, no spaces). */
    public Rfc5424Formatter(String hostname, String appName) {
        this.hostname = hostname;
        this.appName = appName;
    }

    /** One syslog line, without a trailing newline. */
    public String format(MappingEvent e) {
        StringBuilder b = new StringBuilder(200);
        String time = TIME.format(Instant.ofEpochMilli(e.timeMillis()));
        b.append("<134>1 ").append(time).append(' ').append(hostname)
                .append(' ').append(appName).append(" - ").append(e.kind().label()).append(" [nat64@32473");
        if (e.kind() == MappingEvent.Kind.NAT64_START) {
            return b.append(" start=\"").append(time).append("\"]").toString();
        }
        b.append(" proto=\"").append(e.protocol().label()).append('"')
                .append(" src6=\"").append(new Ipv6Address(e.hi(), e.lo())).append('"');
        if (e.port6() >= 0) {
            b.append(" sport6=\"").append(e.port6()).append('"');
        }
        b.append(" pool4=\"").append(Ipv4.format(e.addr4())).append('"');
        if (e.kind() == MappingEvent.Kind.BLOCK_ALLOC || e.kind() == MappingEvent.Kind.BLOCK_RELEASE) {
            b.append(" port4first=\"").append(e.port4()).append("\" port4last=\"").append(e.port4Last()).append('"');
        } else {
            b.append(" port4=\"").append(e.port4()).append('"');
        }
        if (e.remotePort() >= 0) {
            b.append(" dst4=\"").append(Ipv4.format(e.remote4())).append("\" dport=\"").append(e.remotePort())
                    .append('"');
        }
        return b.append(']').toString();
    }
}
