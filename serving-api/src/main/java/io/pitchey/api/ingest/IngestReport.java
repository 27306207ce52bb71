package io.pitchey.api.ingest;

import java.util.List;

/**
 * The answer to an ingest batch (200 or 207), and the extension members of its 422 problem.
 *
 * @param acceptedEvents events accepted and handed to the publisher (one per accepted line)
 * @param rejectedLines lines refused; none of their events was published
 * @param rejected the first {@link NdjsonBatch#MAX_LISTED_REJECTIONS} refused lines, in order
 */
public record IngestReport(int acceptedEvents, int rejectedLines, List<Rejection> rejected) {

  /** One refused line: its 1-based number in the body and why it was refused. */
  public record Rejection(int line, String reason) {}
}
