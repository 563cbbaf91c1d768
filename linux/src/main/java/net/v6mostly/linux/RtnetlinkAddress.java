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
    /** {@code IFA_F_DADFAILED}: Duplicate Address Detection found the address in use. */
    public static final int IFA_F_DADFAILED = 0x08;
    /** {@code IFA_F_TENTATIVE}: DAD has not finished (RFC 4862 §5.4). */
    public static final int IFA_F_TENTATIVE = 0x40;
    /** {@code IFA_F_PERMANENT}: no lifetime; addresses from DHCP or SLAAC lack it. */
    public static final int IFA_F_PERMANENT = 0x80;

    /** Whether every bit of {@code flag} is set. */
    public boolean has(int flag) {
        return (flags & flag) == flag;
    }
}
