/**
 * The timing-event contract, version 1 (contracts §2, {@code docs/events.md}): the event, its Kafka
 * key and its JSON form. The JSON Schema {@value
 * io.pitchey.ingest.event.TimingEventJson#SCHEMA_RESOURCE} describes the same contract for
 * producers outside this code base; tests keep the two in step.
 */
@NullMarked
package io.pitchey.ingest.event;

import org.jspecify.annotations.NullMarked;
