/**
 * Named, explained counters: every exit of every pipeline is a {@link net.v6mostly.stats.Stat}
 * constant, counted in {@link net.v6mostly.stats.Counters} (DESIGN.md §3.3).
 */
package net.v6mostly.stats;
