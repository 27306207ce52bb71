package io.pitchey.api.assets;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.pitchey.api.http.AcceptEncoding;
import io.pitchey.api.http.ContentCoding;
import io.pitchey.api.http.ETags;
import java.util.Objects;

/**
 * Sends a stored asset in the content coding the client prefers ({@code Accept-Encoding}, q-values
 * honoured), with {@code Vary: Accept-Encoding} so shared caches keep the variants apart, and the
 * variant's own strong {@code ETag}. Answers {@code 304 Not Modified} without a body when {@code
 * If-None-Match} names that tag (weak comparison, lists and {@code *}, RFC 9110 §13.1.2).
 *
 * <p>Javalin's own compression is turned off for these responses: the bytes are already in their
 * final coding. Javalin leaves a body with a {@code Content-Encoding} alone anyway, but an identity
 * body chosen for a client that accepts only a coding Javalin may be configured for (zstd) must be
 * left alone too.
 */
final class AssetReply {
  /** Shared caches in front of the API (a CDN) follow this one; browsers ignore it. */
  static final String CDN_CACHE_CONTROL = "CDN-Cache-Control";

  private AssetReply() {}

  static void send(Context ctx, StaticAsset asset, String cacheControl) {
    ContentCoding coding =
        Objects.requireNonNullElse(
            // nothing acceptable: identity anyway, as most servers do, rather than a 406
            AcceptEncoding.choose(ctx.header(Header.ACCEPT_ENCODING), asset.codings()),
            ContentCoding.IDENTITY);
    StaticAsset.Variant variant = asset.variant(coding);
    ctx.disableCompression();
    ctx.header(Header.CACHE_CONTROL, cacheControl);
    ctx.header(CDN_CACHE_CONTROL, cacheControl);
    ctx.header(Header.VARY, Header.ACCEPT_ENCODING);
    ctx.header(Header.ETAG, variant.etag());
    if (ETags.matches(ctx.header(Header.IF_NONE_MATCH), variant.etag())) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    if (coding != ContentCoding.IDENTITY) {
      ctx.header(Header.CONTENT_ENCODING, coding.token());
    }
    ctx.header(Header.CONTENT_LENGTH, Integer.toString(variant.body().length));
    ctx.contentType(asset.contentType()).result(variant.body());
  }
}
