#!/usr/bin/env python3
"""Writes examples/siit-example.pcap: a handful of packets that show what the stateless
translator (RFC 7915) does with the network of examples/siit.toml.

The IPv6 side is 2001:db8:6::/120, mapped by EAM (RFC 7757) to 192.0.2.0/24; the IPv4 side is
reached through pool6 2001:db8:64::/96 (RFC 6052). Documentation addresses only (RFC 3849,
RFC 5737). Python 3 standard library only; every checksum is computed, except in the one
malformed packet. Usage: python3 examples/make-example-pcap.py [OUTPUT]
"""
import ipaddress
import os
import struct
import sys

HOST6 = "2001:db8:6::10"       # an IPv6-only host; EAM maps it to 192.0.2.16
POOL6 = "2001:db8:64::"        # pool6 /96: the IPv4 internet seen from IPv6
DNS4, WEB4, PING4 = "203.0.113.53", "198.51.100.80", "198.51.100.1"
HOST4 = "192.0.2.16"
T0 = 1_700_000_000             # 2023-11-14T22:13:20Z


def v6(text):
    return ipaddress.IPv6Address(text).packed


def v4(text):
    return ipaddress.IPv4Address(text).packed


def embed(ipv4):
    """RFC 6052 §2.2 with a /96 prefix: the IPv4 address is the last 32 bits."""
    return ipaddress.IPv6Address(int(ipaddress.IPv6Address(POOL6)) | int(ipaddress.IPv4Address(ipv4))).packed


def checksum(data):
    """The Internet checksum (RFC 1071)."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def with_checksum(segment, at, pseudo=b""):
    value = checksum(pseudo + segment)
    return segment[:at] + struct.pack("!H", value) + segment[at + 2:]


def ipv6(src, dst, next_header, payload, hop_limit=64):
    pseudo = src + dst + struct.pack("!IxxxB", len(payload), next_header)
    at = {6: 16, 17: 6, 58: 2}[next_header]
    payload = with_checksum(payload, at, pseudo)
    return struct.pack("!IHBB", 6 << 28, len(payload), next_header, hop_limit) + src + dst + payload


def ipv4(src, dst, protocol, payload, ttl=64, df=True, ident=0x1234):
    if protocol in (6, 17):
        pseudo = src + dst + struct.pack("!xBH", protocol, len(payload))
        payload = with_checksum(payload, 16 if protocol == 6 else 6, pseudo)
    elif protocol == 1:
        payload = with_checksum(payload, 2)
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000 if df else 0, ttl, protocol,
                         0, src, dst)
    return with_checksum(header, 10) + payload


def udp(sport, dport, data):
    return struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data


def tcp(sport, dport, seq, flags, options=b"", data=b"", ack=0):
    offset = (20 + len(options)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, offset << 4, flags, 64240, 0, 0) + options + data


def dns_query(name, qtype=1):
    labels = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return struct.pack("!HHHHHH", 0x2B1D, 0x0100, 1, 0, 0, 0) + labels + struct.pack("!HH", qtype, 1)


def echo(kind, ident, seq, data):
    return struct.pack("!BBHHH", kind, 0, 0, ident, seq) + data


def packets():
    ping = bytes(range(32))
    mss = struct.pack("!BBH", 2, 4, 1440)
    yield "IPv6 -> IPv4 UDP DNS query", ipv6(v6(HOST6), embed(DNS4), 17, udp(40000, 53, dns_query("example.com")))
    yield "IPv6 -> IPv4 TCP SYN", ipv6(v6(HOST6), embed(WEB4), 6, tcp(40001, 443, 1000, 0x02, mss))
    yield "IPv6 -> IPv4 ICMPv6 echo request", ipv6(v6(HOST6), embed(PING4), 58, echo(128, 7, 1, ping))
    yield "IPv4 -> IPv6 ICMP echo reply", ipv4(v4(PING4), v4(HOST4), 1, echo(0, 7, 1, ping), ttl=57, df=False)
    yield "IPv4 -> IPv6 1500-byte TCP segment with DF (too big once translated: Fragmentation Needed)", \
        ipv4(v4(WEB4), v4(HOST4), 6, tcp(443, 40001, 5000, 0x18, data=bytes(1460), ack=1001), ttl=57)
    yield "IPv6 -> IPv4 UDP with hop limit 1 (Time Exceeded)", \
        ipv6(v6(HOST6), embed(DNS4), 17, udp(40002, 53, dns_query("example.net")), hop_limit=1)
    good = ipv4(v4(WEB4), v4(HOST4), 17, udp(443, 40003, bytes(32)))
    yield "malformed: IPv4 header says 60 bytes, 28 captured", good[:2] + struct.pack("!H", 60) + good[4:28]


def pcap(records):
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 101)  # LINKTYPE_RAW
    for i, (_, data) in enumerate(records):
        out += struct.pack("<IIII", T0, i * 1000, len(data), len(data)) + data
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "siit-example.pcap")
    records = list(packets())
    with open(target, "wb") as f:
        f.write(pcap(records))
    for i, (what, data) in enumerate(records, 1):
        print(f"#{i} {what} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
