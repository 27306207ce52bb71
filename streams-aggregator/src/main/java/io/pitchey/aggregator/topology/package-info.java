@NullMarked
package io.pitchey.aggregator.topology;

import org.jspecify.annotations.NullMarked;
