package net.v6mostly.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** RFC 2131 §2/§3 framing, RFC 2132 options and option overload, byte for byte. */
class DhcpMessageTest {
    private static final HexFormat HEX = HexFormat.of();

    static byte[] discover() {
        return Clients.msg(MessageType.DISCOVER, Clients.MAC_A).asks108().build().emit();
    }

    @Test
    void fixedFieldsAndCookieAreAtTheirRfc2131Offsets() {
        DhcpMessage m = Clients.msg(MessageType.DISCOVER, Clients.MAC_A).ciaddr(Clients.ip("192.0.2.7"))
                .giaddr(Clients.RELAY).broadcastFlag().build();
        byte[] d = m.emit();
        assertThat(d).hasSize(DhcpMessage.MIN_EMIT_LENGTH);
        assertThat(HEX.formatHex(d, 0, 12)).isEqualTo("010106" + "01" + "12345678" + "0000" + "8000");
        assertThat(HEX.formatHex(d, 12, 16)).isEqualTo("c0000207");
        assertThat(HEX.formatHex(d, 24, 28)).isEqualTo("c6336401");
        assertThat(HEX.formatHex(d, 28, 34)).isEqualTo("02000000000a");
        assertThat(HEX.formatHex(d, 236, 240)).isEqualTo("63825363");
        assertThat(HEX.formatHex(d, 240, 244)).isEqualTo("350101ff");   // option 53 = DISCOVER, End
    }

    @Test
    void option108IsCodeLengthFourAndSecondsInNetworkOrder() {
        // RFC 8925 §3.1 byte vectors: 1800 s and 300 s
        assertThat(HEX.formatHex(encode(DhcpOptions.builder().u32(108, 1800).build()))).isEqualTo("6c0400000708");
        assertThat(HEX.formatHex(encode(DhcpOptions.builder().u32(108, 300).build()))).isEqualTo("6c040000012c");
    }

    private static byte[] encode(DhcpOptions o) {
        byte[] out = new byte[o.encodedLength()];
        o.encode(out, 0);
        return out;
    }

    @Test
    void aRepeatedOptionIsJoinedAndALongValueSplitRfc3396() {
        byte[] d = discover();
        byte[] withSplit = Arrays.copyOf(d, 300);
        // replace the options: 53=1, 15 "exa" + 15 "mple", End
        byte[] opts = HEX.parseHex("350101" + "0f03657861" + "0f046d706c65" + "ff");
        System.arraycopy(opts, 0, withSplit, 240, opts.length);
        DhcpMessage m = DhcpMessage.parse(withSplit, 0, 240 + opts.length).message();
        assertThat(m.options().string(15)).isEqualTo("example");
        byte[] big = new byte[300];
        DhcpOptions o = DhcpOptions.builder().put(77, big).build();
        assertThat(o.encodedLength()).isEqualTo(2 + 255 + 2 + 45);
    }

    @Test
    void optionsOverloadedIntoFileAndSnameAreReadAfterTheOptionsField() {
        byte[] d = Arrays.copyOf(discover(), 300);
        byte[] opts = HEX.parseHex("350101" + "340103" + "ff");
        Arrays.fill(d, 240, 300, (byte) 0);
        System.arraycopy(opts, 0, d, 240, opts.length);
        System.arraycopy(HEX.parseHex("0f03657861ff"), 0, d, 108, 6);    // file: 15 "exa"
        System.arraycopy(HEX.parseHex("0f046d706c65ff"), 0, d, 44, 7);  // sname: 15 "mple"
        DhcpMessage m = DhcpMessage.parse(d, 0, d.length).message();
        assertThat(m.options().string(15)).isEqualTo("example");
        assertThat(m.options().has(DhcpOption.OVERLOAD)).isFalse();
        assertThat(m.file()).containsOnly(0);
        assertThat(m.sname()).containsOnly(0);
    }

    static List<Arguments> malformed() {
        byte[] ok = discover();
        return List.of(
                Arguments.of("239 bytes", Arrays.copyOf(ok, 239), Dhcp4Stat.MALFORMED_TRUNCATED),
                Arguments.of("op 3", with(ok, 0, 3), Dhcp4Stat.MALFORMED_BAD_OP),
                Arguments.of("htype 0", with(ok, 1, 0), Dhcp4Stat.MALFORMED_BAD_HTYPE_HLEN),
                Arguments.of("hlen 17", with(ok, 2, 17), Dhcp4Stat.MALFORMED_BAD_HTYPE_HLEN),
                Arguments.of("Ethernet hlen 8", with(ok, 2, 8), Dhcp4Stat.MALFORMED_BAD_HTYPE_HLEN),
                Arguments.of("bad cookie", with(ok, 239, 0x64), Dhcp4Stat.MALFORMED_BAD_COOKIE),
                Arguments.of("no End", options("350101"), Dhcp4Stat.MALFORMED_NO_END_OPTION),
                Arguments.of("only pad", options("000000"), Dhcp4Stat.MALFORMED_NO_END_OPTION),
                Arguments.of("length past end", options("350101" + "0c09616263"), Dhcp4Stat.MALFORMED_OPTION_OVERRUNS),
                Arguments.of("code without length", options("350101" + "0c"), Dhcp4Stat.MALFORMED_OPTION_OVERRUNS),
                Arguments.of("53 of 2 bytes", options("35020101ff"), Dhcp4Stat.MALFORMED_BAD_OPTION_LENGTH),
                Arguments.of("108 of 2 bytes", options("350101" + "6c020708ff"), Dhcp4Stat.MALFORMED_BAD_OPTION_LENGTH),
                Arguments.of("router of 3 bytes", options("350101" + "0303c00002ff"), Dhcp4Stat.MALFORMED_BAD_OPTION_LENGTH),
                Arguments.of("client id of 1 byte", options("350101" + "3d0101ff"), Dhcp4Stat.MALFORMED_BAD_OPTION_LENGTH),
                Arguments.of("overload 4", options("350101" + "340104ff"), Dhcp4Stat.MALFORMED_BAD_OVERLOAD),
                Arguments.of("overload file without End", options("350101" + "340101ff"), Dhcp4Stat.MALFORMED_NO_END_OPTION),
                Arguments.of("65508 bytes", Arrays.copyOf(ok, 65508), Dhcp4Stat.MALFORMED_OVERLONG));
    }

    private static byte[] with(byte[] d, int at, int v) {
        byte[] c = d.clone();
        c[at] = (byte) v;
        return c;
    }

    private static byte[] options(String hex) {
        byte[] o = HEX.parseHex(hex);
        byte[] d = Arrays.copyOf(discover(), 240 + o.length);
        System.arraycopy(o, 0, d, 240, o.length);
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsNamedNotThrown(String what, byte[] data, Dhcp4Stat expected) {
        DhcpMessage.Decoded d = DhcpMessage.parse(data, 0, data.length);
        assertThat(d.ok()).isFalse();
        assertThat(d.fault()).isEqualTo(expected);
        assertThat(expected.isDrop()).isTrue();
    }

    @Test
    void trailingPadAfterEndIsAccepted() {
        byte[] d = Arrays.copyOf(discover(), 600);
        assertThat(DhcpMessage.parse(d, 0, d.length).ok()).isTrue();
    }

    @Test
    void classlessRoutesUseSignificantOctetsRfc3442() {
        List<ClasslessRoute> routes = List.of(
                new ClasslessRoute(net.v6mostly.addr.Ipv4Prefix.parse("198.51.100.0/24"), Clients.SERVER),
                new ClasslessRoute(net.v6mostly.addr.Ipv4Prefix.parse("0.0.0.0/0"), Clients.SERVER));
        byte[] v = ClasslessRoute.encode(routes);
        assertThat(HEX.formatHex(v)).isEqualTo("18c63364" + "c0000201" + "00" + "c0000201");
        assertThat(ClasslessRoute.decode(v)).isEqualTo(routes);
        assertThat(ClasslessRoute.decode(HEX.parseHex("21c0000201c0000201"))).isNull();   // width 33
        assertThat(ClasslessRoute.decode(HEX.parseHex("18c63364c000"))).isNull();         // short
    }
}
