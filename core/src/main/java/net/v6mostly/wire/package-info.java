/**
 * Packet views over {@link java.lang.foreign.MemorySegment}: one class per header with named
 * offsets and one-line accessors, and the Internet checksum. Nothing else computes an offset into
 * a packet (app's {@code WireAccessTest} checks that only this package reads or writes fields
 * through {@link net.v6mostly.wire.Bytes}).
 *
 * <ul>
 * <li>Headers that must be validated first are reusable views with a check gate:
 * {@link net.v6mostly.wire.Ipv4Header}, {@link net.v6mostly.wire.Ipv6Header} (which also offer the
 * same fields by offset for static helpers), {@link net.v6mostly.wire.Ipv6Chain}.</li>
 * <li>Fixed-layout headers are static accessors by offset, no instance:
 * {@link net.v6mostly.wire.UdpHeader} (RFC 768), {@link net.v6mostly.wire.TcpHeader} (RFC 9293
 * §3.1), {@link net.v6mostly.wire.Icmp4Header} (RFC 792), {@link net.v6mostly.wire.Icmp6Header}
 * (RFC 4443), {@link net.v6mostly.wire.Ipv6Fragment}, {@link net.v6mostly.wire.Ipv4Option},
 * {@link net.v6mostly.wire.IcmpExtension} (RFC 4884), {@link net.v6mostly.wire.VirtioNetHeader}.</li>
 * <li>Names instead of numbers: {@link net.v6mostly.wire.IpProtocol}, {@link net.v6mostly.wire.Icmp4}
 * and {@link net.v6mostly.wire.Icmp6} types and codes, and {@link net.v6mostly.wire.IcmpAnswer},
 * the (type, code) a drop reason answers with.</li>
 * </ul>
 */
package net.v6mostly.wire;
