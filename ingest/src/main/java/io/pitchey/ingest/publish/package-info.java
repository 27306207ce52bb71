@NullMarked
package io.pitchey.ingest.publish;

import org.jspecify.annotations.NullMarked;
