package net.v6mostly.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/**
 * What {@link TunDevice} asks of the kernel, without opening a device: the ioctl numbers as
 * include/uapi/linux/if_tun.h defines them, and the byte-order rule for the virtio-net header
 * (the data path writes it little-endian; a big-endian host whose kernel refuses TUNSETVNETLE
 * gets no offloads, with a note saying so).
 */
class TunDeviceTest {
    /** {@code _IOW('T', nr, int)} (include/uapi/asm-generic/ioctl.h: dir 1 << 30, size << 16, type << 8, nr). */
    private static long iowInt(int nr) {
        return (1L << 30) | (4L << 16) | ('T' << 8) | nr;
    }

    @Test
    void ioctlNumbersAreThoseOfIfTunH() {
        assertThat(TunDevice.TUNSETIFF).isEqualTo(iowInt(202));
        assertThat(TunDevice.TUNSETOFFLOAD).isEqualTo(iowInt(208));
        assertThat(TunDevice.TUNSETVNETHDRSZ).isEqualTo(iowInt(216));
        assertThat(TunDevice.TUNSETVNETLE).isEqualTo(iowInt(220));
    }

    @Test
    void aRefusedTunsetvnetleCostsTheOffloadsOnlyOnABigEndianHost() {
        assertThat(TunDevice.offloadsWithoutVnetLe(ByteOrder.LITTLE_ENDIAN))
                .as("little-endian host: the TUN's header is little-endian anyway").isTrue();
        assertThat(TunDevice.offloadsWithoutVnetLe(ByteOrder.BIG_ENDIAN)).isFalse();
    }

    @Test
    void theNoteNamesTheDeviceTheReasonAndTheConsequence() {
        assertThat(TunDevice.vnetLeRefused("siit0", "Invalid argument")).isEqualTo("kernel refused TUNSETVNETLE on siit0"
                + " (Invalid argument): on this big-endian host the virtio-net header would be in host byte order,"
                + " which the data path does not read; offloads are off");
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new TunDevice.Options("a-name-too-long-0", 1, false, true))
                .hasMessageContaining("1..15 characters");
        assertThatThrownBy(() -> new TunDevice.Options("siit0", 2, false, true)).hasMessage("several queues need multi-queue");
    }
}
