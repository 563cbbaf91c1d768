package net.v6mostly.config;

import net.v6mostly.xlat.SiitSettings;

/**
 * What {@code v6mostly siit} runs: the translator ({@code [siit]}, RFC 7915, RFC 7757) and its TUN
 * device ({@code [siit.tun]}).
 *
 * @param siit the translator's settings
 * @param tun  the device and its link configuration
 */
public record SiitConfig(SiitSettings siit, TunSettings tun) {
}
