package net.v6mostly.lab;

import java.util.List;

/**
 * What each kind of device must reach on an IPv6-mostly network (draft-ietf-v6ops-6mops §3), checked
 * with the device's own clients: DNS, HTTP by name and by IPv4 literal to each server, ping.
 */
public final class DeviceChecks {
    private final Probes probes;
    private final LabReport report;
    private final String suffix;

    public DeviceChecks(Probes probes, LabReport report) {
        this(probes, report, "");
    }

    /** Checks whose names end in {@code suffix}, e.g. " (during the attack)" ({@code lab --hostile}). */
    public DeviceChecks(Probes probes, LabReport report, String suffix) {
        this.probes = probes;
        this.report = report;
        this.suffix = suffix;
    }

    private void add(Check c) {
        report.add(suffix.isEmpty() ? c : new Check(c.device(), c.what() + suffix, c.passed(), c.detail()));
    }

    /**
     * DNS over TCP (RFC 7766): the synthesized AAAA of the IPv4-only server, asked over TCP from an
     * IPv6-only device; under {@code --hostile} while another host holds slow TCP connections open.
     */
    public void dnsOverTcp(LanDevices.State s) {
        String what = "DNS AAAA " + LabPlan.WEB4_NAME + " over TCP";
        if (s.dns().isEmpty()) {
            add(Check.fail(s.device().name(), what, "the device learned no DNS server"));
            return;
        }
        String expected = Pref64.embed(LabPlan.WEB4);
        List<String> aaaa = probes.dnsTcp(s.device().ns(), LabPlan.WEB4_NAME, "AAAA", s.dns().getFirst());
        add(aaaa.stream().anyMatch(a -> same(a, expected)) ? Check.pass(s.device().name(), what, String.join(" ", aaaa))
                : Check.fail(s.device().name(), what, "asked " + s.dns().getFirst() + " over TCP, expected " + expected
                        + ", got " + (aaaa.isEmpty() ? "no answer" : aaaa)));
    }

    /** Runs the checks that fit the device's kind and what it configured. */
    public void run(LanDevices.State s, boolean clat) {
        Device d = s.device();
        switch (d.kind()) {
            case IPV4_ONLY -> {
                if (s.ipv4() == null) {
                    return;
                }
                dnsA(s);
                http(d, "http://" + LabPlan.WEB4_NAME + "/", LabPlan.WEB4_BODY, "HTTP by name " + LabPlan.WEB4_NAME, null);
                http(d, "http://" + LabPlan.WEB4 + "/", LabPlan.WEB4_BODY, "HTTP by IPv4 literal " + LabPlan.WEB4, null);
                ping(d, LabPlan.WEB4);
                http(d, "http://" + LabPlan.PRINTER_NAME + "/", LabPlan.PRINTER_BODY, "HTTP by name " + LabPlan.PRINTER_NAME, null);
            }
            case DUAL_STACK -> {
                if (s.ipv4() == null || s.ipv6() == null) {
                    return;
                }
                dnsAaaa(s, LabPlan.WEB6_NAME, LabPlan.WEB6);
                http(d, "http://" + LabPlan.WEB4_NAME + "/", LabPlan.WEB4_BODY, "HTTP by name " + LabPlan.WEB4_NAME, null);
                http(d, "http://" + LabPlan.WEB6_NAME + "/", LabPlan.WEB6_BODY, "HTTP by name " + LabPlan.WEB6_NAME, null);
                http(d, "http://" + LabPlan.WEB4 + "/", LabPlan.WEB4_BODY, "HTTP by IPv4 literal " + LabPlan.WEB4, null);
                ping(d, LabPlan.WEB4);
                ping(d, LabPlan.WEB6);
            }
            case IPV6_ONLY -> {
                if (s.ipv6() == null) {
                    return;
                }
                String synthesized = Pref64.embed(LabPlan.WEB4);
                dnsAaaa(s, LabPlan.WEB4_NAME, synthesized);
                http(d, "http://" + LabPlan.WEB4_NAME + "/", LabPlan.WEB4_BODY, "HTTP by name " + LabPlan.WEB4_NAME + " (DNS64 + NAT64)",
                        synthesized);
                http(d, "http://" + LabPlan.WEB6_NAME + "/", LabPlan.WEB6_BODY, "HTTP by name " + LabPlan.WEB6_NAME, LabPlan.WEB6);
                http(d, "http://" + LabPlan.PRINTER_NAME + "/", LabPlan.PRINTER_BODY,
                        "HTTP by name " + LabPlan.PRINTER_NAME + " (NAT64 back into the LAN)", Pref64.embed(LabPlan.PRINTER4));
                ping(d, LabPlan.WEB6);
                if (clat) {
                    http(d, "http://" + LabPlan.WEB4 + "/", LabPlan.WEB4_BODY, "HTTP by IPv4 literal " + LabPlan.WEB4 + " (CLAT)", null);
                    ping(d, LabPlan.WEB4);
                }
            }
            case PRINTER, HOSTILE -> { }
        }
    }

    private void dnsA(LanDevices.State s) {
        String server = s.dns().isEmpty() ? LabPlan.LAN_GW4 : s.dns().getFirst();
        List<String> a = probes.dns(s.device().ns(), LabPlan.WEB4_NAME, "A", server);
        String what = "DNS A " + LabPlan.WEB4_NAME;
        add(a.contains(LabPlan.WEB4) ? Check.pass(s.device().name(), what, String.join(" ", a))
                : Check.fail(s.device().name(), what, "asked " + server + ", got " + (a.isEmpty() ? "no answer" : a)));
    }

    private void dnsAaaa(LanDevices.State s, String name, String expected) {
        String what = "DNS AAAA " + name;
        if (s.dns().isEmpty()) {
            add(Check.fail(s.device().name(), what, "the device learned no DNS server"));
            return;
        }
        List<String> aaaa = probes.dns(s.device().ns(), name, "AAAA", s.dns().getFirst());
        add(aaaa.stream().anyMatch(a -> same(a, expected))
                ? Check.pass(s.device().name(), what, String.join(" ", aaaa))
                : Check.fail(s.device().name(), what, "asked " + s.dns().getFirst() + ", expected " + expected + ", got "
                        + (aaaa.isEmpty() ? "no answer" : aaaa)));
    }

    /** GET {@code url}: passes when the body names the expected server (and the path matches {@code via}, when given). */
    private void http(Device d, String url, String body, String what, String via) {
        Probes.Http h = probes.http(d.ns(), url);
        if (!h.ok()) {
            add(Check.fail(d.name(), what, h.error().isEmpty() ? "no answer" : h.error()));
        } else if (!h.body().contains(body)) {
            add(Check.fail(d.name(), what, "reached the wrong server: " + h.body()));
        } else if (via != null && !h.remoteIp().isEmpty() && !same(h.remoteIp(), via)) {
            add(Check.fail(d.name(), what, "connected to " + h.remoteIp() + ", expected " + via));
        } else {
            add(Check.pass(d.name(), what, h.remoteIp().isEmpty() ? "200 OK" : "via " + h.remoteIp()));
        }
    }

    private void ping(Device d, String address) {
        boolean ok = probes.ping(d.ns(), address);
        add(ok ? Check.pass(d.name(), "ping " + address, "") : Check.fail(d.name(), "ping " + address, "no echo reply"));
    }

    static boolean same(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
