/**
 * Operations (DESIGN.md §5): the metric families of every component as the Prometheus Java
 * client's model, one class per component ({@link net.v6mostly.ops.SiitMetrics}, {@link
 * net.v6mostly.ops.Nat64Metrics}, {@link net.v6mostly.ops.ClatMetrics}, {@link
 * net.v6mostly.ops.Dhcp4Metrics}, {@link net.v6mostly.ops.RaMetrics}, {@link
 * net.v6mostly.ops.Dns64Metrics}, {@link net.v6mostly.ops.GatewayMetrics}), written by the
 * client's exposition writers ({@link net.v6mostly.ops.Exposition}: text 0.0.4 or OpenMetrics);
 * the bounded loopback HTTP endpoint that serves them ({@link net.v6mostly.ops.MetricsServer});
 * the one parser that reads an endpoint back ({@link net.v6mostly.ops.Scrape}) for the stats
 * commands and the lab; the NAT64 mapping log and its index; the one logging style, a logger per component and the
 * logfmt and JSON line formats of {@code [logging]} ({@link net.v6mostly.ops.Logs}).
 */
package net.v6mostly.ops;
