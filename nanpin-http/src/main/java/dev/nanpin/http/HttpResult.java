package dev.nanpin.http;

import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A complete HTTP response, read into memory, with the request line that produced it. A non-2xx
 * status is a value here; {@link ErrorMapper} decides what is an error.
 *
 * @param method the request method
 * @param url the request URL
 * @param code the HTTP status code
 * @param headers the response headers
 * @param body the response body as text (empty when there was none)
 */
public record HttpResult(String method, HttpUrl url, int code, Headers headers, String body) {

  /** Validates. */
  public HttpResult {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headers, "headers");
    body = body == null ? "" : body;
  }

  /**
   * @param name a header name, case-insensitive
   * @return the last value of that header, or {@code null}
   */
  public String header(String name) {
    return headers.get(name);
  }

  /** @return whether the status is 2xx */
  public boolean isSuccessful() {
    return code >= 200 && code < 300;
  }

  /**
   * Returns the start of the body, one line, for error messages: at most {@code max} characters.
   *
   * @param max the most characters kept, {@code >= 1}
   * @return the abbreviated body
   */
  public String bodySnippet(int max) {
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
  }

  /** @return {@code METHOD scheme://host/path} (no query), for messages and logs */
  public String requestLine() {
    return method + " " + url.newBuilder().query(null).build();
  }

  @Override
  public String toString() {
    return "HttpResult[" + requestLine() + " -> " + code + "]";
  }
}
