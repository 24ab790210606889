package dev.nanpin.http;

import dev.nanpin.DataException;
import dev.nanpin.NanpinException;

/**
 * Decides whether a response is an error and which typed exception it becomes. Called for
 * <em>every</em> response, including 2xx ones, so a venue can map errors that arrive inside an
 * HTTP 200 body. Venues usually check their own error body first and then delegate to {@link
 * StandardErrorMapper}:
 *
 * <pre>{@code
 * ErrorMapper standard = new StandardErrorMapper("myvenue");
 * ErrorMapper mine = r -> { NanpinException e = parseMyErrorBody(r); return e != null ? e : standard.map(r); };
 * }</pre>
 *
 * <p>Implementations are stateless and thread-safe, and never put secrets into messages.
 */
@FunctionalInterface
public interface ErrorMapper {
  /**
   * Maps a response.
   *
   * @param result the full response
   * @return the exception to throw, or {@code null} when the response is a success
   */
  NanpinException map(HttpResult result);

  /**
   * Maps a successful response whose body could not be parsed (not JSON, an HTML page, a
   * missing field). By default a {@link DataException} naming the host as the source.
   *
   * @param result the response
   * @param cause the parse failure
   * @return the exception to throw
   */
  default NanpinException malformed(HttpResult result, Exception cause) {
    return new DataException(result.url().host(), null,
        "unreadable response to %s (HTTP %d): %s: %s".formatted(result.requestLine(), result.code(),
            cause.getClass().getSimpleName(), result.bodySnippet(200)),
        cause);
  }
}
