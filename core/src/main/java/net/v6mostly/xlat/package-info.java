/**
 * The IP/ICMP translator: the pipeline entry points, their settings and their counted exits. The
 * steps live in sub-packages named after the RFC they implement ({@code rfc7915}, {@code rfc7757}).
 */
package net.v6mostly.xlat;
