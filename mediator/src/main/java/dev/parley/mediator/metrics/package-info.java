/** Counters, gauges and latency histograms of the mediator, written in the Prometheus text format.
 *  Must not depend on Jetty, storage or protocols: they push numbers in, /metrics pulls text out. */
package dev.parley.mediator.metrics;
