package io.pitchey.ingest.publish;

/**
 * What a publisher has done with the events handed to it.
 *
 * @param accepted events handed to {@link TimingPublisher#publish}
 * @param delivered events the broker acknowledged
 * @param failed events Kafka gave up on after its retries
 * @param overflowed events refused because the hand-off queue was full
 * @param pending events accepted but not yet acknowledged or failed
 */
public record PublisherStats(
    long accepted, long delivered, long failed, long overflowed, long pending) {}
