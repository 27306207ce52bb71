/** API tokens: bearer tokens are random, only their SHA-256 is stored. */
@NullMarked
package io.pitchey.api.auth;

import org.jspecify.annotations.NullMarked;
