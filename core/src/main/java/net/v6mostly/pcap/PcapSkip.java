package net.v6mostly.pcap;

import net.v6mostly.stats.Stat;

/**
 * Why {@link PcapReader} passed over a record instead of returning an IP packet. Every record is
 * either returned or counted under one of these.
 */
public enum PcapSkip implements Stat {
    /** An Ethernet frame whose EtherType is neither IPv4 (0x0800) nor IPv6 (0x86DD), e.g. ARP. */
    NON_IP_ETHERTYPE("Ethernet frame that carries neither IPv4 nor IPv6 (e.g. ARP, LLDP)"),
    /** An Ethernet frame shorter than its link-layer header. */
    ETHERNET_TRUNCATED("Ethernet frame shorter than its 14-byte header (18 with an 802.1Q tag)"),
    /** An Ethernet frame with a second VLAN tag (QinQ), which is not unwrapped. */
    STACKED_VLAN("Ethernet frame with stacked VLAN tags (802.1ad/QinQ): only one 802.1Q tag is unwrapped");

    private final String explanation;

    PcapSkip(String explanation) {
        this.explanation = explanation;
    }

    @Override
    public String explanation() {
        return explanation;
    }

    @Override
    public boolean isDrop() {
        return true;
    }
}
