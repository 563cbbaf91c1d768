/**
 * The IP/ICMP translator: the one {@code Translator} interface the data path calls (SIIT, NAT64,
 * CLAT), the per-worker {@code TranslationState} every step reads (parsed once), the pipeline
 * entry points, their settings and their counted exits. The steps live in sub-packages named after
 * the RFC they implement ({@code rfc7915}, {@code rfc7757}, {@code rfc6146}, {@code rfc6877}).
 */
package net.v6mostly.xlat;
