@NullMarked
package io.pitchey.ingest.event;

import org.jspecify.annotations.NullMarked;
