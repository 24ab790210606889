package dev.nanpin.http;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Finds the secrets a request carries and removes them from text. {@link HttpJson} builds every
 * message about a response from a copy whose body has gone through {@link #redact}, so that a
 * server that echoes the request (a key in a header or the query) cannot put a key into an
 * exception or a log line at any level.
 *
 * <p>Stateless and thread-safe.
 */
public final class Secrets {
  /** What a redacted secret is replaced by. */
  public static final String MASK = "****";
  /** Shorter strings are not treated as secrets: masking them would garble ordinary text. */
  static final int MIN_LENGTH = 6;
  private static final Set<String> PLAIN_HEADERS = Set.of("accept", "accept-encoding", "content-type",
      "content-length", "user-agent", "host", "connection", "x-timestamp", "x-window");
  private static final Pattern SENSITIVE_NAME =
      Pattern.compile(".*(key|token|secret|sig|pass|auth|credential|session).*", Pattern.CASE_INSENSITIVE);

  private Secrets() {}

  /**
   * The values of a request that may be secret: every header value but a few plain ones, and the
   * value of every query parameter whose name says key, token, secret, signature, password or auth.
   *
   * @param request the request
   * @return the values, at least {@value #MIN_LENGTH} characters long each
   */
  public static Set<String> of(Request request) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : request.headers().names()) {
      if (!PLAIN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        for (String v : request.headers(name)) {
          add(out, v);
        }
      }
    }
    HttpUrl url = request.url();
    for (String name : url.queryParameterNames()) {
      if (SENSITIVE_NAME.matcher(name).matches()) {
        for (String v : url.queryParameterValues(name)) {
          add(out, v);
        }
      }
    }
    return out;
  }

  private static void add(Set<String> out, String v) {
    if (v != null && v.strip().length() >= MIN_LENGTH) {
      out.add(v.strip());
    }
  }

  /**
   * @param text any text, or {@code null}
   * @param secrets the secrets to remove
   * @return the text with each secret (also URL-encoded) replaced by {@value #MASK}
   */
  public static String redact(String text, Collection<String> secrets) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      if (s == null || s.length() < MIN_LENGTH) {
        continue;
      }
      out = out.replace(s, MASK);
      String encoded = java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
      if (!encoded.equals(s)) {
        out = out.replace(encoded, MASK);
      }
    }
    return out;
  }

  /**
   * @param r a response
   * @param secrets the secrets to remove
   * @return the response with the secrets removed from its body (headers and URL are never put
   *     into messages; the URL's query is dropped by {@link HttpResult#requestLine()})
   */
  public static HttpResult redact(HttpResult r, Collection<String> secrets) {
    String body = redact(r.body(), secrets);
    return body.equals(r.body()) ? r : new HttpResult(r.method(), r.url(), r.code(), r.headers(), body);
  }
}
