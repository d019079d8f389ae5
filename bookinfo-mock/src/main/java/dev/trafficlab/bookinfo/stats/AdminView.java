package dev.trafficlab.bookinfo.stats;

/**
 * What a proxy's admin endpoint knows besides its counters: how many clusters and listeners istiod
 * pushed to it, and how long it has run.
 */
public record AdminView(
    StatsInclusion inclusion, int clusters, int listeners, long uptimeSeconds) {}
