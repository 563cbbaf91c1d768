/**
 * Neighbor Discovery for a router: the Router Advertisement message (RFC 4861 §4.2) with its
 * options (RFC 4861 §4.6, RFC 8106 RDNSS/DNSSL, RFC 4191 Route Information, RFC 8781 PREF64,
 * RFC 8910 Captive Portal) as records with {@code emit}/{@code parse}, Router Solicitation
 * validation (RFC 4861 §6.1.1) with every drop counted under an {@link net.v6mostly.ndp.NdpStat},
 * and the pure advertisement scheduler of RFC 4861 §6.2.4–§6.2.6 ({@link net.v6mostly.ndp.RaScheduler}),
 * which takes time as an argument. Sockets live in {@code linux}.
 */
package net.v6mostly.ndp;
