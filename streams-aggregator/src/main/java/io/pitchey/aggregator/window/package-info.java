@NullMarked
package io.pitchey.aggregator.window;

import org.jspecify.annotations.NullMarked;
