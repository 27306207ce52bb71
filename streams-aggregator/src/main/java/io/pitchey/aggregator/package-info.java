/**
 * The streams-aggregator: per-route tumbling windows of timing events with latency sketches ({@code
 * topology}), and the sink that writes them exactly once into PostgreSQL ({@code sink}).
 */
@NullMarked
package io.pitchey.aggregator;

import org.jspecify.annotations.NullMarked;
