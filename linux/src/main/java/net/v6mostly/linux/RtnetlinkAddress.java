package net.v6mostly.linux;

/**
 * One address of an RTM_GETADDR dump (rtnetlink(7), {@code struct ifaddrmsg} with IFA_LOCAL, else
 * IFA_ADDRESS, and IFA_FLAGS).
 *
 * @param ifindex the interface the address is on
 * @param address the address and its prefix length
 * @param flags   the {@code IFA_F_*} flags ({@code <linux/if_addr.h>}), e.g. IFA_F_NODAD = 0x02
 * @param scope   the {@code RT_SCOPE_*} scope (0 universe, 253 link, 254 host)
 */
public record RtnetlinkAddress(int ifindex, InterfaceAddress address, int flags, int scope) {
}
