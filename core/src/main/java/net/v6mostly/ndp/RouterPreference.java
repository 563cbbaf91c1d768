package net.v6mostly.ndp;

/**
 * The 2-bit preference of RFC 4191 §2.1 used by the RA's Prf field and the Route Information
 * option: 01 high, 00 medium, 11 low; 10 is reserved and, received, is treated as medium (§2.2).
 */
public enum RouterPreference {
    HIGH(0b01), MEDIUM(0b00), LOW(0b11);

    private final int bits;

    RouterPreference(int bits) {
        this.bits = bits;
    }

    /** The two wire bits. */
    public int bits() {
        return bits;
    }

    /** The preference for two wire bits; the reserved value 10 reads as medium (RFC 4191 §2.2). */
    public static RouterPreference of(int bits) {
        return switch (bits & 3) {
            case 0b01 -> HIGH;
            case 0b11 -> LOW;
            default -> MEDIUM;
        };
    }
}
