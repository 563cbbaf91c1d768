/**
 * Operations (DESIGN.md §5): the Prometheus text exposition of every counter with its explanation
 * ({@link net.v6mostly.ops.SiitMetrics}), the loopback HTTP endpoint that serves it ({@link
 * net.v6mostly.ops.MetricsServer}), and reading it back into the table {@code v6mostly siit stats}
 * prints ({@link net.v6mostly.ops.MetricsScrape}); the CLAT's metrics and status text
 * ({@link net.v6mostly.ops.ClatMetrics}); the one logging style, a logger per component and the
 * logfmt and JSON line formats of {@code [logging]} ({@link net.v6mostly.ops.Logs}).
 */
package net.v6mostly.ops;
