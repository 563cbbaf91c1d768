package net.v6mostly.ndp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 4861 §6.1.1 validity checks; each malformed case lands on its own named Stat. */
class RouterSolicitationTest {
    private static final byte[] PLAIN = Hex.bytes("85 00 00 00 00 00 00 00");
    private static final byte[] WITH_SLLA = Hex.bytes("85 00 00 00 00 00 00 00 01 01 02 00 5e 10 00 02");

    @Test
    void validSolicitations() {
        assertEquals(NdpStat.RS_RECEIVED, RouterSolicitation.check(PLAIN, 8, 255, true));
        assertEquals(NdpStat.RS_RECEIVED, RouterSolicitation.check(WITH_SLLA, 16, 255, false));
        assertEquals(List.of(NdpOption.SourceLinkLayer.parseMac("02:00:5e:10:00:02")),
                RouterSolicitation.parse(WITH_SLLA, 16).options());
    }

    @Test
    void hopLimitNot255() {
        assertEquals(NdpStat.RS_BAD_HOP_LIMIT, RouterSolicitation.check(PLAIN, 8, 254, false));
        assertEquals(NdpStat.RS_BAD_HOP_LIMIT, RouterSolicitation.check(PLAIN, 8, 1, false));
    }

    @Test
    void codeNot0() {
        assertEquals(NdpStat.RS_BAD_CODE, RouterSolicitation.check(Hex.bytes("85 01 00 00 00 00 00 00"), 8, 255, false));
    }

    @Test
    void shorterThan8() {
        assertEquals(NdpStat.RS_TOO_SHORT, RouterSolicitation.check(PLAIN, 7, 255, false));
    }

    @Test
    void optionLengthZeroOrPastTheEnd() {
        assertEquals(NdpStat.RS_BAD_OPTION_LENGTH,
                RouterSolicitation.check(Hex.bytes("85 00 00 00 00 00 00 00 01 00 02 00 5e 10 00 02"), 16, 255, false));
        assertEquals(NdpStat.RS_BAD_OPTION_LENGTH,
                RouterSolicitation.check(Hex.bytes("85 00 00 00 00 00 00 00 01 02 02 00 5e 10 00 02"), 16, 255, false));
        assertEquals(NdpStat.RS_BAD_OPTION_LENGTH,
                RouterSolicitation.check(Hex.bytes("85 00 00 00 00 00 00 00 01"), 9, 255, false));
    }

    @Test
    void sllaFromUnspecifiedSource() {
        assertEquals(NdpStat.RS_SLLA_FROM_UNSPECIFIED, RouterSolicitation.check(WITH_SLLA, 16, 255, true));
    }

    @Test
    void notAnRs() {
        assertEquals(NdpStat.RS_NOT_RS, RouterSolicitation.check(Hex.bytes("86 00 00 00"), 4, 255, false));
        assertEquals(NdpStat.RS_NOT_RS, RouterSolicitation.check(new byte[0], 0, 255, false));
    }

    @Test
    void everyDropHasAnExplanation() {
        for (NdpStat s : NdpStat.values()) {
            assertEquals(true, s.explanation().length() > 10, s.name());
        }
    }

    @Test
    void emitsWhatItParses() {
        RouterSolicitation rs = new RouterSolicitation(List.of(NdpOption.SourceLinkLayer.parseMac("02:00:5e:10:00:02")));
        assertEquals(Hex.of(WITH_SLLA), Hex.of(rs.emit()));
    }
}
