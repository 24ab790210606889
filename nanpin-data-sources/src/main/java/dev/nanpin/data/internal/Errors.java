package dev.nanpin.data.internal;

import dev.nanpin.AuthenticationException;
import dev.nanpin.DataException;
import dev.nanpin.NanpinException;
import dev.nanpin.NotFoundException;
import dev.nanpin.RateLimitedException;
import dev.nanpin.VenueUnavailableException;
import java.time.Duration;

/**
 * The status-level part of error mapping shared by all sources. Each source first reads its own
 * error body (codes say more than statuses) and falls back to {@link #byStatus}.
 */
public final class Errors {
  private Errors() {}

  /**
   * Maps an HTML page: on 2xx it is unusable data, on 429 a throttle, on 403/1020/503 a CDN
   * block (Cloudflare), which is retryable later.
   *
   * @param source the source id
   * @param reply the reply, known to be HTML
   * @return the exception
   */
  public static NanpinException html(String source, Reply reply) {
    int s = reply.status();
    if (reply.ok()) {
      return new DataException(source, "body", source + " answered an HTML page instead of JSON (HTTP " + s + ")", null);
    }
    if (s == 429) {
      return new RateLimitedException(source, "429", source + " throttled the request (HTTP 429, HTML page)",
          orZero(reply.retryAfter()));
    }
    return new VenueUnavailableException(source, "html-" + s,
        source + " answered an HTML page with HTTP " + s + ", likely a CDN block or throttling; retry later", null);
  }

  /**
   * Maps a non-2xx status when the body said nothing more precise.
   *
   * @param source the source id
   * @param reply the reply
   * @param code the source's code from the body, or {@code null}
   * @param detail the source's message from the body, or {@code null}
   * @return the exception
   */
  public static NanpinException byStatus(String source, Reply reply, String code, String detail) {
    int s = reply.status();
    String what = "%s answered HTTP %d%s".formatted(source, s, detail == null || detail.isBlank() ? "" : ": " + clip(detail));
    String c = code != null ? code : Integer.toString(s);
    if (s == 429) {
      return new RateLimitedException(source, c, what, orZero(reply.retryAfter()));
    }
    if (s == 401 || s == 403) {
      return new AuthenticationException(source, c, what, null);
    }
    if (s == 404) {
      return new NotFoundException(source, c, what, null);
    }
    if (s >= 500 || s == 408) {
      return new VenueUnavailableException(source, c, what, null);
    }
    return new DataException(source, "request", what, null);
  }

  /**
   * Maps an empty or malformed body before any code could be read.
   *
   * @param source the source id
   * @param reply the reply
   * @param e the parse failure
   * @return the exception: the parse failure on 2xx, else the status mapping
   */
  public static NanpinException unreadable(String source, Reply reply, DataException e) {
    return reply.ok() ? e : byStatus(source, reply, null, null);
  }

  static Duration orZero(Duration d) {
    return d == null ? Duration.ZERO : d;
  }

  /** Keeps error texts short; the sources' messages carry no secrets but can be long. */
  static String clip(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ').trim();
    return one.length() <= 300 ? one : one.substring(0, 300) + "...";
  }
}
