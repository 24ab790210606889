package dev.nanpin.data;

import dev.nanpin.ConfigException;
import okhttp3.HttpUrl;

/** Base URL parsing shared by the sources. */
final class Urls {
  private Urls() {}

  /**
   * Parses a base URL; a trailing slash is dropped so path segments append cleanly.
   *
   * @param text the URL
   * @param key the setting's name for the error
   * @return the URL
   * @throws ConfigException when it is not an http(s) URL
   */
  static HttpUrl base(String text, String key) {
    String t = text.trim();
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    HttpUrl url = HttpUrl.parse(t);
    if (url == null) {
      throw new ConfigException(key, key + " must be an http(s) URL, got '" + text + "'");
    }
    return url;
  }
}
