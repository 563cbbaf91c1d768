package net.v6mostly.xlat.rfc6877;

/** Where the PREF64 in use came from, in the order RFC 9872 §3.1 prefers them (a configured prefix first). */
public enum Pref64Source {
    /** The configuration names the prefix; discovery is not used. */
    CONFIGURED("configured"),
    /** A PREF64 option (RFC 8781) in a Router Advertisement on the uplink. */
    ROUTER_ADVERTISEMENT("ra"),
    /** The AAAA answer for ipv4only.arpa (RFC 7050 §3), used only while no RA carries a PREF64. */
    RFC7050("rfc7050"),
    /** No prefix is known. */
    NONE("none");

    private final String label;

    Pref64Source(String label) {
        this.label = label;
    }

    /** The short name used in metrics and status output. */
    public String label() {
        return label;
    }
}
