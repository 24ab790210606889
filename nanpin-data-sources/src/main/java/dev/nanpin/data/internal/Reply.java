package dev.nanpin.data.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP answer as the parsers see it: status, headers, body. Transport-neutral so that the
 * parsers and error mappers are tested on fixtures without a server.
 *
 * @param status the HTTP status
 * @param headers the headers, names matched ignoring case
 * @param body the body text, possibly empty
 * @param receivedAt when it arrived (wall clock)
 */
public record Reply(int status, Map<String, List<String>> headers, String body, Instant receivedAt) {
  /** Validates and copies the headers into a case-insensitive map. */
  public Reply {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    requireNonNull(headers, "headers").forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = copy;
    body = body == null ? "" : body;
    requireNonNull(receivedAt, "receivedAt");
  }

  /**
   * A reply with a JSON content type, for tests and fixtures.
   *
   * @param status the status
   * @param body the body
   * @param receivedAt the arrival time
   * @return the reply
   */
  public static Reply json(int status, String body, Instant receivedAt) {
    return new Reply(status, Map.of("Content-Type", List.of("application/json")), body, receivedAt);
  }

  /**
   * @param name a header name
   * @return the first value, or {@code null}
   */
  public String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** @return whether the status is 2xx */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /**
   * Returns whether the body is an HTML page: it starts with a tag, or it is labelled
   * {@code text/html} and does not start like JSON (a mislabelled JSON body is still read).
   *
   * @return whether the body is HTML
   */
  public boolean html() {
    if (Json.looksLikeHtml(body)) {
      return true;
    }
    String ct = header("Content-Type");
    String t = body.strip();
    return ct != null && ct.toLowerCase(Locale.ROOT).contains("text/html") && !t.startsWith("{") && !t.startsWith("[");
  }

  /**
   * Parses {@code Retry-After} given in seconds (HTTP dates are rare on these APIs and ignored).
   *
   * @return the delay, or {@code null} when absent or unreadable
   */
  public Duration retryAfter() {
    String v = header("Retry-After");
    if (v == null) {
      return null;
    }
    try {
      long s = Long.parseLong(v.trim());
      return s >= 0 && s <= 86_400 ? Duration.ofSeconds(s) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
