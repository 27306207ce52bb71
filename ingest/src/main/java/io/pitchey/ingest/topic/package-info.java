@NullMarked
package io.pitchey.ingest.topic;

import org.jspecify.annotations.NullMarked;
