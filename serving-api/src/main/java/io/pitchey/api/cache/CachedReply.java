package io.pitchey.api.cache;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.pitchey.api.http.AcceptEncoding;
import io.pitchey.api.http.ContentCoding;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a cached body with the headers that let browsers, CDNs and proxies reuse it:
 *
 * <ul>
 *   <li>{@code Cache-Control} from its policy ({@code public, max-age, stale-while-revalidate,
 *       stale-if-error}, or {@code private, no-cache} for per-user content), and for shared content
 *       {@code CDN-Cache-Control} with the same freshness, so a CDN keeps honouring it even where a
 *       browser-facing header is rewritten;
 *   <li>the strong {@code ETag} of the variant sent ({@link CachedBody#etag(ContentCoding)}), and
 *       {@code Age} when it was not just loaded, so a downstream cache does not count its freshness
 *       from zero again;
 *   <li>{@code Vary: Accept-Encoding}, plus {@code Authorization} for per-user content, whose body
 *       depends on the token; and the stored variant the client prefers ({@link
 *       AcceptEncoding#choose}) with its {@code Content-Encoding}: nothing is compressed here, and
 *       Javalin's own compression is off for the response so it cannot compress twice.
 * </ul>
 *
 * {@code If-None-Match} naming the tag of any of the entry's variants (weak comparison, lists,
 * {@code *}) answers {@code 304 Not Modified} with the caching headers, no body, and the tag that
 * matched: the client holds that variant, decoded content identical to the others', and a cache
 * only refreshes stored responses whose strong validator the 304 names (RFC 9111 §4.3.4). The
 * decision uses the cache entry only: a revalidation by a client costs no database work while the
 * entry is cached.
 */
public final class CachedReply {
  /** The CDN-targeted copy of {@code Cache-Control} (RFC 9213). */
  public static final String CDN_CACHE_CONTROL = "CDN-Cache-Control";

  private static final String SHARED_VARY = Header.ACCEPT_ENCODING;
  private static final String PRIVATE_VARY = Header.ACCEPT_ENCODING + ", " + Header.AUTHORIZATION;

  private CachedReply() {}

  /** Sends shared or private content as its policy says. */
  public static void sendJson(Context ctx, CachedBody body, Duration age) {
    ctx.disableCompression();
    CachePolicy policy = body.policy();
    ctx.header(Header.CACHE_CONTROL, policy.cacheControl());
    if (policy.shared()) {
      ctx.header(CDN_CACHE_CONTROL, policy.cacheControl());
    }
    ctx.header(Header.VARY, policy.shared() ? SHARED_VARY : PRIVATE_VARY);
    long ageSeconds = age.toSeconds();
    if (ageSeconds > 0) {
      ctx.header(Header.AGE, Long.toString(ageSeconds));
    }
    ContentCoding coding =
        AcceptEncoding.choose(ctx.header(Header.ACCEPT_ENCODING), body.codings());
    if (coding == null) {
      coding = ContentCoding.IDENTITY; // nothing acceptable: identity, as most servers do
    }
    Optional<String> matched = body.matchedTag(ctx.header(Header.IF_NONE_MATCH), coding);
    if (matched.isPresent()) {
      ctx.header(Header.ETAG, matched.get());
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    ctx.header(Header.ETAG, body.etag(coding));
    if (coding != ContentCoding.IDENTITY) {
      ctx.header(Header.CONTENT_ENCODING, coding.token());
    }
    ctx.contentType(body.contentType()).result(body.encoded(coding));
  }

  /**
   * Sends per-user content, cached under a key naming the user (e.g. {@code me:<userId>}) with
   * {@link CachePolicy#PRIVATE}: {@code Cache-Control: private, no-cache} and {@code Vary:
   * Accept-Encoding, Authorization}, never a CDN header.
   *
   * @throws IllegalArgumentException if the body was cached under a shared policy, which would let
   *     a CDN hand one user's data to another
   */
  public static void sendPrivateJson(Context ctx, CachedBody body, Duration age) {
    if (body.policy().shared()) {
      throw new IllegalArgumentException(
          "per-user content must be cached under CachePolicy.PRIVATE, was " + body.policy());
    }
    sendJson(ctx, body, age);
  }
}
