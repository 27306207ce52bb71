@NullMarked
package io.pitchey.aggregator.sink;

import org.jspecify.annotations.NullMarked;
