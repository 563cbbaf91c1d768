package net.v6mostly.ndp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target: what the RA service's RS socket receives (RFC 4861 §6.1.1): any bytes, any received
 * length within the buffer, any hop limit, from {@code ::} or not. Invariants: {@link
 * RouterSolicitation#check} never throws and returns {@link NdpStat#RS_RECEIVED} or one RS drop
 * reason, so every message is counted once; it reads only the received octets (bytes after
 * {@code length} change nothing); a message it accepts parses into at most one option per 8
 * octets, and the parsed RS emits a message that passes the check again and round trips (parsing
 * normalizes once, e.g. a DNSSL padded beyond its names, which the first finding was).
 */
class RouterSolicitationFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void checkCountsEveryMessageOnce(FuzzedDataProvider data) {
        int hopLimit = data.consumeBoolean() ? 255 : data.consumeInt(0, 255);
        boolean unspecified = data.consumeBoolean();
        int trailing = data.consumeInt(0, 16);
        byte[] msg = data.consumeRemainingAsBytes();
        int length = Math.max(0, msg.length - trailing);

        NdpStat verdict = RouterSolicitation.check(msg, length, hopLimit, unspecified);
        assertThat(verdict == NdpStat.RS_RECEIVED || verdict.isDrop() && verdict.name().startsWith("RS_"))
                .as("%s", verdict).isTrue();
        assertThat(RouterSolicitation.check(Arrays.copyOf(msg, length), length, hopLimit, unspecified))
                .as("only the received octets count").isEqualTo(verdict);
        if (verdict != NdpStat.RS_RECEIVED) {
            return;
        }
        RouterSolicitation rs = RouterSolicitation.parse(msg, length);
        assertThat(rs.options()).hasSizeLessThanOrEqualTo((length - RouterSolicitation.HEADER) / 8);
        // parsing normalizes (a DNSSL longer than its names shrinks: RFC 8106 §5.2 padding), then round trips
        byte[] again = rs.emit();
        assertThat(RouterSolicitation.check(again, again.length, 255, unspecified)).isEqualTo(NdpStat.RS_RECEIVED);
        assertThat(RouterSolicitation.parse(again, again.length).emit()).isEqualTo(again);
    }
}
