#!/usr/bin/env python3
"""The hostile LAN host of `v6mostly lab --hostile` (docs/lab.md).

Runs inside the hostile host's network namespace, on the lab's LAN bridge, and sends what a host
nobody controls can send: crafted Ethernet frames (AF_PACKET, packet(7)) and real UDP/TCP sockets,
only to lab addresses. Every phase is bounded in count and time; `storm` also stops when the stop
file appears. One line per phase on stdout ("hostile: <what>: sent N"), the last one
"hostile: done {json of counts}".

Phases (the lab runs the first three alone, so it can attribute the gateway's counter deltas):
  client-id   one DHCPREQUEST whose client identifier is three option-61 instances of 255 octets
              (RFC 3396 concatenation: 765 octets)
  bad-pref64  one RA (router lifetime 0) whose PREF64 is a /96 with a non-zero u octet (bits 64-71,
              RFC 6052 section 2.2)
  forbidden   UDP, TCP and ICMPv6 toward the NAT64 prefix embedding 127.0.0.1, 224.0.0.1,
              255.255.255.255, 0.0.0.1 and 240.0.0.1 (never to be translated)
  storm       fuzzed RAs, RS garbage, DHCP garbage, DNS garbage (UDP, TCP, and valid queries from a
              source outside allow-clients), malformed IPv6 into the NAT64, and trickling
              DNS-over-TCP connections until the stop file appears or --seconds pass
"""
import argparse
import ipaddress
import json
import os
import random
import socket
import struct
import sys
import time

ETH_IPV4 = 0x0800
ETH_IPV6 = 0x86DD
BROADCAST = b"\xff" * 6


def csum(data):
    """The Internet checksum (RFC 1071) of data."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def a6(text):
    return socket.inet_pton(socket.AF_INET6, text)


def a4(text):
    return socket.inet_aton(text)


def mac(text):
    return bytes.fromhex(text.replace(":", ""))


def link_local(hw):
    """The EUI-64 link-local address the kernel gives an interface with this MAC (RFC 4291 2.5.1)."""
    return b"\xfe\x80" + b"\0" * 6 + bytes([hw[0] ^ 2]) + hw[1:3] + b"\xff\xfe" + hw[3:6]


def ipv6(src, dst, nh, payload, hlim=64, plen=None):
    length = len(payload) if plen is None else plen
    return struct.pack("!IHBB", 0x60000000, length & 0xFFFF, nh, hlim) + src + dst + payload


def pseudo6(src, dst, length, nh):
    return src + dst + struct.pack("!IxxxB", length, nh)


def icmp6(src, dst, typ, code, body, hlim=255, bad_checksum=False):
    msg = struct.pack("!BBH", typ, code, 0) + body
    c = csum(pseudo6(src, dst, len(msg), 58) + msg) ^ (0x5555 if bad_checksum else 0)
    return ipv6(src, dst, 58, msg[:2] + struct.pack("!H", c) + msg[4:], hlim)


def udp6_segment(src, dst, sport, dport, payload, checksum=None):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    c = csum(pseudo6(src, dst, len(seg), 17) + seg) or 0xFFFF
    return seg[:6] + struct.pack("!H", c if checksum is None else checksum) + seg[8:]


def tcp6_syn(src, dst, sport, dport, bad_checksum=False):
    seg = struct.pack("!HHIIBBHHH", sport, dport, random.getrandbits(32), 0, 5 << 4, 0x02, 64240, 0, 0)
    c = csum(pseudo6(src, dst, len(seg), 6) + seg) ^ (0x5555 if bad_checksum else 0)
    return seg[:16] + struct.pack("!H", c) + seg[18:]


def ipv4_udp(src, dst, sport, dport, payload, ident=0):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    c = csum(src + dst + struct.pack("!xBH", 17, len(udp)) + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), ident, 0, 64, 17, 0, src, dst)
    return hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:] + udp


def multicast_mac(dst6):
    return b"\x33\x33" + dst6[12:]


class Wire:
    """The hostile host's AF_PACKET socket: Ethernet frames out of its LAN interface, counted per kind.

    With a pcap file instead (--pcap, for the lab's tests) the frames are written there, from the
    hardware address 02:66:66:66:66:66, and nothing is sent.
    """

    def __init__(self, iface, gw_mac, pcap=None):
        self.sock, self.pcap = None, None
        if pcap:
            self.pcap = open(pcap, "wb")
            self.pcap.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # LINKTYPE_ETHERNET
            self.me = b"\x02\x66\x66\x66\x66\x66"
        else:
            self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            self.sock.bind((iface, 0))
            with open("/sys/class/net/%s/address" % iface) as f:
                self.me = mac(f.read().strip())
        self.gw = gw_mac
        self.counts = {}

    def live(self):
        return self.sock is not None

    def send(self, kind, dst_mac, ethertype, packet):
        frame = dst_mac + self.me + struct.pack("!H", ethertype) + packet
        if self.pcap:
            self.pcap.write(struct.pack("<IIII", 0, 0, len(frame), len(frame)) + frame)
        else:
            try:
                self.sock.send(frame)
            except OSError:
                kind += "-send-error"
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.sock and sum(self.counts.values()) % 64 == 0:
            time.sleep(0.01)  # paced: the floods must reach the parsers, not overflow socket buffers

    def close(self):
        if self.pcap:
            self.pcap.close()


def dhcp_message(xid, chaddr, options, ciaddr=b"\0\0\0\0", flags=0x8000):
    """A BOOTREQUEST (RFC 2131 section 2) with the magic cookie, options and an end option."""
    head = struct.pack("!BBBBIHH", 1, 1, 6, 0, xid, 0, flags) + ciaddr + b"\0" * 12
    return head + chaddr.ljust(16, b"\0") + b"\0" * 192 + b"\x63\x82\x53\x63" + options + b"\xff"


def opt(code, value):
    return bytes([code, len(value)]) + value


def client_id_request(w, a):
    """RFC 3396: three option-61 instances of 255 octets concatenate to one 765-octet client identifier."""
    chaddr = b"\x02\x66\x66\x00\x00\x01"
    options = (opt(53, b"\x03") + opt(54, a4(a.server_id)) + opt(50, a4(a.requested))
               + b"".join(opt(61, bytes([i]) * 255) for i in (1, 2, 3)) + opt(55, b"\x01\x03\x06"))
    frame = ipv4_udp(a4("0.0.0.0"), a4("255.255.255.255"), 68, 67, dhcp_message(0x66660001, chaddr, options))
    w.send("dhcp-oversized-client-id", BROADCAST, ETH_IPV4, frame)


def ra(w, a, options, hlim=255, src=None, code=0, flags=0):
    """A Router Advertisement with router lifetime 0 (RFC 4861 section 4.2: not a default router)."""
    src = src or link_local(w.me)
    dst = a6("ff02::1")
    body = struct.pack("!BBHII", 0, flags, 0, 0, 0) + options
    return multicast_mac(dst), icmp6(src, dst, 134, code, body, hlim)


def pref64_option(prefix16, plc=0, lifetime=600):
    """RFC 8781 section 4: scaled lifetime (13 bits, 8 s units) and PLC, then the highest 96 bits."""
    return struct.pack("!BBH", 38, 2, ((lifetime // 8) << 3) | plc) + prefix16[:12]


def bad_pref64(w, a):
    prefix = bytearray(a6(a.pref64))
    prefix[8] = 0xFF  # the u octet, bits 64-71: must be zero (RFC 6052 section 2.2)
    dst_mac, packet = ra(w, a, opt_slla(w.me) + pref64_option(bytes(prefix)))
    w.send("ra-pref64-nonzero-u-octet", dst_mac, ETH_IPV6, packet)


def opt_slla(hw):
    return struct.pack("!BB", 1, 1) + hw


def base_ra_options(w, a):
    """A valid set of RA options that changes nothing for the LAN's hosts (no A or L flag, our PREF64)."""
    pio = struct.pack("!BBBBIII", 3, 4, 64, 0, 600, 300, 0) + a6("2001:db8:66::")
    mtu = struct.pack("!BBHI", 5, 1, 0, 1500)
    rdnss = struct.pack("!BBHI", 25, 3, 0, 600) + a6(a.gw6)
    dnssl = struct.pack("!BBHI", 31, 3, 0, 600) + b"\x03lab\x07example\x00".ljust(16, b"\0")
    return opt_slla(w.me) + mtu + pio + rdnss + dnssl + pref64_option(a6(a.pref64), 0, 1800)


def benign(options, a):
    """Whether the LAN's hosts would take nothing from these options that changes their network.

    The fuzzed RAs are for the parsers; an RA that is valid and carries a working PREF64 of another
    prefix, a PREF64 withdrawal, an autonomous or on-link PIO or another DNS server would re-configure
    the devices as RFC 8781 and RFC 4861 say they must (that is RA spoofing, which only RA guard
    stops), so such mutants are not sent. Neither is the lab's PREF64 with a shorter lifetime.
    """
    ours = a6(a.pref64)[:12]
    chain, i = [], 0
    while i < len(options):
        ln = options[i + 1] * 8 if i + 1 < len(options) else 0
        if ln == 0 or i + ln > len(options):
            return True  # the whole RA is invalid (RFC 4861 section 6.1.2): hosts take nothing from it
        chain.append(options[i:i + ln])
        i += ln
    for o in chain:
        typ, ln = o[0], len(o)
        if typ == 3 and ln >= 32 and o[3] & 0xC0:  # the kernel takes a longer PIO too
            return False
        if typ == 38 and ln >= 16:
            plc, life, prefix = o[3] & 7, struct.unpack("!H", o[2:4])[0] >> 3, o[4:16]
            u_octet_set = plc == 0 and prefix[8] != 0
            # the lab's own prefix only with at least the base lifetime: a shorter one would make it
            # expire early (RFC 8781 section 5: each option sets its prefix's lifetime)
            if plc <= 5 and not u_octet_set and not (plc == 0 and prefix == ours and life * 8 >= 1800):
                return False
        if typ == 25 and ln >= 24 and struct.unpack("!I", o[4:8])[0] > 0:
            if any(o[j:j + 16] != a6(a.gw6) for j in range(8, ln - 15, 16)):
                return False
    return True


def mutate(data, rnd):
    b = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        op = rnd.randrange(6)
        if op == 0 and b:
            b[rnd.randrange(len(b))] ^= 1 << rnd.randrange(8)
        elif op == 1 and b:
            b[rnd.randrange(len(b))] = rnd.choice([0, 1, 2, 3, 0x7F, 0x80, 0xFF, 38, 25])
        elif op == 2:
            at = rnd.randrange(len(b) + 1)
            b[at:at] = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 16)))
        elif op == 3 and b:
            at = rnd.randrange(len(b))
            del b[at:at + rnd.randint(1, 16)]
        elif op == 4 and b:
            del b[rnd.randrange(len(b)):]
        else:
            ln = rnd.randint(0, 4)
            b += bytes([rnd.choice([1, 3, 5, 24, 25, 31, 38, rnd.getrandbits(8)]), ln])
            b += bytes(rnd.getrandbits(8) for _ in range(max(0, ln * 8 - 2) if rnd.random() < 0.7 else rnd.randint(0, 20)))
    return bytes(b)


def random_options(w, a, rnd):
    out = b""
    for _ in range(rnd.randint(1, 6)):
        typ = rnd.choice([1, 3, 5, 24, 25, 31, 38, 38, rnd.getrandbits(8)])
        ln = rnd.choice([1, 2, 3, 4, rnd.randint(0, 6)])
        out += bytes([typ, ln]) + bytes(rnd.getrandbits(8) for _ in range(max(0, ln * 8 - 2)))
    return out


def fuzzed_ras(w, a, rnd, count, deadline):
    base = base_ra_options(w, a)
    for n in range(count):
        if time.monotonic() > deadline:
            return
        for _ in range(20):
            options = mutate(base, rnd) if rnd.random() < 0.7 else random_options(w, a, rnd)
            if benign(options, a):
                break
        else:
            options = base
        roll = rnd.random()
        if roll < 0.05:
            dst_mac, p = ra(w, a, options, hlim=64)
            kind = "ra-fuzzed-hop-limit-64"
        elif roll < 0.10:
            dst_mac, p = ra(w, a, options, src=a6(a.me6))
            kind = "ra-fuzzed-global-source"
        else:
            dst_mac, p = ra(w, a, options, code=0 if rnd.random() < 0.95 else rnd.randint(1, 255),
                            flags=rnd.getrandbits(8) & 0x38)
            kind = "ra-fuzzed"
        w.send(kind, dst_mac, ETH_IPV6, p)


def rs_garbage(w, a, rnd, count, deadline):
    dst = a6("ff02::2")
    for n in range(count):
        if time.monotonic() > deadline:
            return
        src = link_local(w.me) if rnd.random() < 0.8 else a6("::")
        hlim = 255 if rnd.random() < 0.7 else rnd.choice([1, 64, 254])
        code = 0 if rnd.random() < 0.7 else rnd.randint(1, 255)
        body = b"\0\0\0\0" + (random_options(w, a, rnd) if rnd.random() < 0.5 else mutate(opt_slla(w.me), rnd))
        if rnd.random() < 0.1:
            body = body[:rnd.randint(0, 3)]
        w.send("rs-garbage", multicast_mac(dst), ETH_IPV6, icmp6(src, dst, 133, code, body, hlim))


def dhcp_garbage(w, a, rnd, count, deadline):
    discover = dhcp_message(0x66660002, b"\x02\x66\x66\x00\x00\x02", opt(53, b"\x01") + opt(55, b"\x01\x03\x06\x6c"))
    for n in range(count):
        if time.monotonic() > deadline:
            return
        if rnd.random() < 0.4:
            payload = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 700)))
        else:
            payload = mutate(discover, rnd)
        w.send("dhcp-garbage", w.gw, ETH_IPV4, ipv4_udp(a4(a.me4), a4(a.gw4), 68, 67, payload, n & 0xFFFF))


def dns_query(name, qtype=28, qid=0x6666, opcode=0):
    q = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return struct.pack("!HHHHHH", qid, opcode << 11 | 0x0100, 1, 0, 0, 0) + q + struct.pack("!HH", qtype, 1)


# Mutated queries this lab found: each made the DNS64 count INTERNAL_ERROR (an exception, not a named
# drop) before issue 15 was fixed; labels of the reserved types 0b01 and 0b10 (RFC 6891 section 5).
# Sent in every round, as a fuzzer keeps its crash files.
DNS_FOUND = [bytes.fromhex(h) for h in (
    "666602000001000000000000024c6e89280cb67634036c6162076578616d706c6500001c0001030172ce6e8c408a",
    "666602000001000000000000027634036c6162876578614d70ec650026036304e0",
    "66660300000100c081b54b2342fc83b777b7eb5265000000000002763403")]


def dns_garbage_udp(w, a, rnd, count, deadline, counts, refused=10):
    valid = dns_query("v4.lab.example")
    socks = [] if not w.live() else [(socket.socket(socket.AF_INET, socket.SOCK_DGRAM), (a.gw4, 53)),
             (socket.socket(socket.AF_INET6, socket.SOCK_DGRAM), (a.gw6, 53))]
    for s, _ in socks:
        s.setblocking(False)
    for n in range(count if socks else 0):
        if time.monotonic() > deadline:
            break
        roll = rnd.random()
        if roll < 0.3:
            payload = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 600)))
        elif roll < 0.4:
            payload = valid[:12] + b"\xc0\x0c" + valid[-4:]  # a name that points at itself (RFC 1035 4.1.4)
        elif roll < 0.5:
            payload = dns_query("v4.lab.example", opcode=rnd.choice([1, 2, 5, 15]))
        else:
            payload = mutate(valid, rnd)
        s, target = socks[n % 2]
        try:
            s.sendto(payload, target)
            counts["dns-garbage-udp"] = counts.get("dns-garbage-udp", 0) + 1
        except OSError:
            counts["dns-garbage-udp-send-error"] = counts.get("dns-garbage-udp-send-error", 0) + 1
        if n % 32 == 0:
            time.sleep(0.01)
    for s, target in socks:
        for payload in DNS_FOUND:
            try:
                s.sendto(payload, target)
                counts["dns-garbage-udp-found-earlier"] = counts.get("dns-garbage-udp-found-earlier", 0) + 1
            except OSError:
                pass
        s.close()
    # valid queries from a source outside allow-clients: the LAN host's own link-local address
    for n in range(refused):
        src = link_local(w.me)
        seg = udp6_segment(src, a6(a.gw6), 40000 + n, 53, dns_query("v4.lab.example", qid=n))
        w.send("dns-query-from-link-local", w.gw, ETH_IPV6, ipv6(src, a6(a.gw6), 17, seg))


def dns_garbage_tcp(a, rnd, count, deadline, counts):
    for n in range(count):
        if time.monotonic() > deadline:
            return
        family, target = (socket.AF_INET, (a.gw4, 53)) if n % 2 == 0 else (socket.AF_INET6, (a.gw6, 53))
        roll = rnd.random()
        if roll < 0.4:
            data = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 300)))
        elif roll < 0.7:
            body = mutate(dns_query("v4.lab.example"), rnd)
            data = struct.pack("!H", len(body)) + body
        else:
            data = struct.pack("!H", rnd.choice([0, 1, 5000, 65535])) + b"\x66" * rnd.randint(0, 20)
        try:
            with socket.socket(family, socket.SOCK_STREAM) as s:
                s.settimeout(2)
                s.connect(target)
                s.sendall(data)
            counts["dns-garbage-tcp"] = counts.get("dns-garbage-tcp", 0) + 1
        except OSError:
            counts["dns-garbage-tcp-refused"] = counts.get("dns-garbage-tcp-refused", 0) + 1


def nat64_target(a, v4):
    return a6(a.pref64)[:12] + a4(v4)


def malformed_ipv6(w, a, rnd, count, deadline):
    """Bad lengths, bad extension chains, fragments and bad checksums toward the NAT64 prefix."""
    src, dst = a6(a.me6), nat64_target(a, a.target4)
    udp = udp6_segment(src, dst, 40000, 9, b"v6mostly lab hostile")
    kinds = [
        ("nat64-payload-length-short", lambda: ipv6(src, dst, 17, udp, plen=rnd.randint(0, 7))),
        ("nat64-payload-length-long", lambda: ipv6(src, dst, 17, udp, plen=len(udp) + rnd.randint(1, 500))),
        ("nat64-udp-length-wrong", lambda: ipv6(src, dst, 17, udp[:4] + struct.pack("!H", rnd.randint(0, 9)) + udp[6:])),
        ("nat64-extension-overruns", lambda: ipv6(src, dst, 60, bytes([17, 200]) + b"\x01\x04" + b"\0" * 4 + udp)),
        ("nat64-extension-chain-loop", lambda: ipv6(src, dst, 60, bytes([60, 0, 1, 4, 0, 0, 0, 0]) * rnd.randint(2, 40))),
        ("nat64-hop-by-hop-not-first", lambda: ipv6(src, dst, 60, bytes([0, 0, 1, 4, 0, 0, 0, 0])
                                                    + bytes([17, 0, 1, 4, 0, 0, 0, 0]) + udp)),
        ("nat64-routing-segments-left", lambda: ipv6(src, dst, 43, bytes([17, 2, 0, 1, 0, 0, 0, 0]) + a6(a.me6) + udp)),
        ("nat64-fragment-first", lambda: ipv6(src, dst, 44, struct.pack("!BBHI", 17, 0, 1, rnd.getrandbits(32)) + udp[:8])),
        ("nat64-fragment-not-first", lambda: ipv6(src, dst, 44, struct.pack("!BBHI", 17, 0, rnd.randint(1, 900) << 3,
                                                                            rnd.getrandbits(32)) + udp[8:])),
        ("nat64-fragment-twice", lambda: ipv6(src, dst, 44, struct.pack("!BBHI", 44, 0, 1, 7)
                                              + struct.pack("!BBHI", 17, 0, 0, 7) + udp)),
        ("nat64-extension-after-fragment", lambda: ipv6(src, dst, 44, struct.pack("!BBHI", 60, 0, 0, 9)
                                                        + bytes([17, 0, 1, 4, 0, 0, 0, 0]) + udp)),
        ("nat64-udp-bad-checksum", lambda: ipv6(src, dst, 17, udp6_segment(src, dst, 40001, 9, b"x", checksum=0x1234))),
        ("nat64-udp-zero-checksum", lambda: ipv6(src, dst, 17, udp6_segment(src, dst, 40002, 9, b"x", checksum=0))),
        ("nat64-tcp-bad-checksum", lambda: ipv6(src, dst, 6, tcp6_syn(src, dst, 40003, 80, bad_checksum=True))),
        ("nat64-icmp6-bad-checksum", lambda: icmp6(src, dst, 128, 0, b"\x66\x66\0\1", 64, bad_checksum=True)[0:]),
        ("nat64-icmp6-error-garbage-inner", lambda: icmp6(src, dst, 1, 4, b"\0" * 4 + mutate(ipv6(dst, src, 17, udp), rnd)[:60], 64)),
        ("nat64-unknown-next-header", lambda: ipv6(src, dst, 253, b"\x66" * 16)),
        ("nat64-fuzzed", lambda: ipv6(src, dst, rnd.choice([6, 17, 58, 44, 60, 0]), mutate(udp, rnd))),
    ]
    for n in range(count):
        if time.monotonic() > deadline:
            return
        kind, make = kinds[n % len(kinds)]
        w.send(kind, w.gw, ETH_IPV6, make())


FORBIDDEN = ["127.0.0.1", "224.0.0.1", "255.255.255.255", "0.0.0.1", "240.0.0.1"]


def forbidden(w, a, rounds=6):
    src = a6(a.me6)
    for n in range(rounds):
        for v4 in FORBIDDEN:
            dst = nat64_target(a, v4)
            w.send("nat64-to-" + v4, w.gw, ETH_IPV6, ipv6(src, dst, 17, udp6_segment(src, dst, 41000 + n, 53, dns_query("x"))))
        dst = nat64_target(a, "127.0.0.1")
        w.send("nat64-tcp-syn-to-127.0.0.1", w.gw, ETH_IPV6, ipv6(src, dst, 6, tcp6_syn(src, dst, 42000 + n, 80)))
        w.send("nat64-echo-to-224.0.0.1", w.gw, ETH_IPV6,
               icmp6(src, nat64_target(a, "224.0.0.1"), 128, 0, struct.pack("!HH", 0x6666, n), 64))


class Trickle:
    """Slow DNS-over-TCP clients: a length prefix, then one octet now and then (RFC 7766 section 6.2.3)."""

    def __init__(self, a, connections):
        self.a, self.want, self.socks, self.opened, self.closed, self.sent = a, connections, [], 0, 0, 0
        self.query = dns_query("v4.lab.example")
        self.query = struct.pack("!H", len(self.query)) + self.query

    def top_up(self, budget):
        while len(self.socks) < self.want and self.opened < budget:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.settimeout(1)
            self.opened += 1
            try:
                s.connect((self.a.gw4, 53))
                s.settimeout(0)
                self.socks.append([s, 0])
            except OSError:
                s.close()
                self.closed += 1
                return

    def drip(self):
        alive = []
        for entry in self.socks:
            s, at = entry
            try:
                if at < len(self.query):
                    s.send(self.query[at:at + 1])
                    entry[1] += 1
                    self.sent += 1
                if s.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                    raise ConnectionResetError("closed")
                alive.append(entry)
            except BlockingIOError:
                alive.append(entry)
            except OSError:
                s.close()
                self.closed += 1
        self.socks = alive

    def close(self):
        for s, _ in self.socks:
            s.close()


def storm(w, a, rnd, counts):
    """The floods in rounds spread over --spread seconds, the trickle held until the stop file or --seconds."""
    start = time.monotonic()
    deadline = start + a.seconds
    k = a.scale
    trickle = Trickle(a, (160 if k >= 1 else 20) if w.live() else 0)
    budget = int(800 * k) + 20
    trickle.top_up(budget)
    print("hostile: trickling %d DNS-over-TCP connections to %s:53" % (len(trickle.socks), a.gw4), flush=True)
    rounds = 5
    per = lambda n: max(1, int(n * k) // rounds)
    floods = [
        lambda d: fuzzed_ras(w, a, rnd, per(3000), d),
        lambda d: rs_garbage(w, a, rnd, per(500), d),
        lambda d: dhcp_garbage(w, a, rnd, per(1000), d),
        lambda d: dns_garbage_udp(w, a, rnd, per(1000), d, counts, per(50)),
        lambda d: dns_garbage_tcp(a, rnd, per(60) if w.live() else 0, d, counts),
        lambda d: malformed_ipv6(w, a, rnd, per(3000), d),
    ]
    for r in range(rounds):
        round_end = min(deadline, start + (r + 1) * a.spread / rounds)
        for flood in floods:
            flood(deadline)
            trickle.drip()
        print("hostile: round %d of the floods done at %.1f s" % (r + 1, time.monotonic() - start), flush=True)
        while w.live() and time.monotonic() < round_end:
            trickle.drip()
            trickle.top_up(budget)
            time.sleep(min(2, max(0, round_end - time.monotonic())))
    while w.live() and time.monotonic() < deadline and not os.path.exists(a.stop_file or "/nonexistent"):
        trickle.drip()
        trickle.top_up(budget)
        time.sleep(2)
    trickle.close()
    counts["dns-tcp-trickle-connections"] = trickle.opened
    counts["dns-tcp-trickle-closed-by-server"] = trickle.closed
    counts["dns-tcp-trickle-octets"] = trickle.sent


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--phase", required=True, choices=["client-id", "bad-pref64", "forbidden", "storm"])
    p.add_argument("--iface", required=True)
    p.add_argument("--gw-mac", required=True)
    p.add_argument("--gw4", required=True)
    p.add_argument("--gw6", required=True)
    p.add_argument("--me4", required=True)
    p.add_argument("--me6", required=True)
    p.add_argument("--pref64", required=True, help="the NAT64 /96, e.g. 2001:db8:64::")
    p.add_argument("--target4", required=True, help="an IPv4 server behind the NAT64")
    p.add_argument("--server-id", required=True)
    p.add_argument("--requested", required=True)
    p.add_argument("--seconds", type=float, default=60, help="storm: the longest it runs")
    p.add_argument("--spread", type=float, default=20, help="storm: the floods are spread over this many seconds")
    p.add_argument("--scale", type=float, default=1.0, help="storm: multiplies every count")
    p.add_argument("--stop-file", help="storm: ends the trickle when this file exists")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--pcap", help="write the frames to this pcap file instead of sending them (tests)")
    a = p.parse_args(argv)
    for text in (a.gw4, a.gw6, a.me4, a.me6, a.target4, a.server_id, a.requested, a.pref64):
        ipaddress.ip_address(text)
    seed = a.seed if a.seed is not None else random.randrange(1 << 31)
    rnd = random.Random(seed)
    random.seed(seed)
    w = Wire(a.iface, mac(a.gw_mac), a.pcap)
    counts = {}
    if a.phase == "client-id":
        client_id_request(w, a)
    elif a.phase == "bad-pref64":
        bad_pref64(w, a)
    elif a.phase == "forbidden":
        forbidden(w, a)
    else:
        storm(w, a, rnd, counts)
    w.close()
    counts.update(w.counts)
    for kind in sorted(counts):
        print("hostile: %s: sent %d" % (kind, counts[kind]), flush=True)
    print("hostile: done " + json.dumps({"phase": a.phase, "seed": seed, "counts": counts}, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
