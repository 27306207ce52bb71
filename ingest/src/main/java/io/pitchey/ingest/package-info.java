/**
 * The request-timing contract (contracts §2), the Kafka topics it travels on, and the publisher the
 * serving API uses to emit it without slowing or failing a request.
 */
@NullMarked
package io.pitchey.ingest;

import org.jspecify.annotations.NullMarked;
