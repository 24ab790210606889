package dev.nanpin.data.internal;

import dev.nanpin.AuthenticationException;
import dev.nanpin.DataException;
import dev.nanpin.NanpinException;
import dev.nanpin.Observation;
import dev.nanpin.RateLimitedException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads FRED bodies. A value of {@code "."} is a missing observation and stays missing. Error
 * bodies are {@code {"error_code":400,"error_message":"Bad Request.  ..."}}. Messages never carry
 * the request URL, whose query holds the key.
 */
public final class FredParser {
  /** The source id. */
  public static final String ID = "fred";

  private FredParser() {}

  /**
   * Checks a reply and returns its JSON, or throws the typed error it carries.
   *
   * @param r the reply
   * @return the root
   */
  public static Json check(Reply r) {
    String body = r.body().stripLeading();
    if (body.startsWith("<?xml") || body.startsWith("<error")) {
      throw new DataException(ID, "body", "fred answered XML (HTTP " + r.status() + "); the client must send file_type=json", null);
    }
    if (r.html()) {
      throw Errors.html(ID, r);
    }
    Json root;
    try {
      root = Json.parse(ID, r.body());
    } catch (DataException e) {
      throw Errors.unreadable(ID, r, e);
    }
    if (root.isObject() && root.has("error_code")) {
      long code = root.get("error_code").longValue();
      String message = root.opt("error_message").map(Json::scalarText).orElse("");
      throw map(r, code, message);
    }
    if (!r.ok()) {
      throw Errors.byStatus(ID, r, null, null);
    }
    return root;
  }

  static NanpinException map(Reply r, long code, String message) {
    String c = Long.toString(code);
    if (message.toLowerCase(Locale.ROOT).contains("api_key")) {
      return new AuthenticationException(ID, c, "fred rejected the API key: " + Errors.clip(message)
          + " (FRED also says this under bursts of requests; check FRED_API_KEY)", null);
    }
    if (code == 429 || r.status() == 429) {
      return new RateLimitedException(ID, c, "fred: rate limit exceeded: " + Errors.clip(message),
          Errors.orZero(r.retryAfter()));
    }
    if (code == 400) {
      return new DataException(ID, "request", "fred: bad request: " + Errors.clip(message), null);
    }
    return Errors.byStatus(ID, r, c, message);
  }

  /**
   * Reads {@code /fred/series/observations}.
   *
   * @param root the body
   * @return the observations, oldest first, {@code "."} kept as missing
   */
  public static List<Observation> observations(Json root) {
    List<Observation> out = new ArrayList<>();
    for (Json o : root.get("observations").elements()) {
      LocalDate date = o.get("date").date();
      Json value = o.get("value");
      BigDecimal v = value.node().isTextual() && value.text().trim().equals(".") ? null : value.decimal();
      out.add(new Observation(date, v));
    }
    for (int i = 1; i < out.size(); i++) {
      if (!out.get(i).date().isAfter(out.get(i - 1).date())) {
        throw new DataException(ID, "$.observations[" + i + "].date", "fred: observation dates out of order: %s after %s"
            .formatted(out.get(i).date(), out.get(i - 1).date()), null);
      }
    }
    return out;
  }

  /** FRED's {@code last_updated}: {@code 2013-07-31 09:26:16-05} (an hour-only offset). */
  private static final java.time.format.DateTimeFormatter LAST_UPDATED = new java.time.format.DateTimeFormatterBuilder()
      .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
      .append(java.time.format.DateTimeFormatter.ISO_LOCAL_TIME)
      .appendOffset("+HH:mm", "Z").toFormatter(java.util.Locale.ROOT);

  /**
   * Reads {@code /fred/series}.
   *
   * @param root the body
   * @param seriesId the series asked
   * @return the metadata
   */
  public static dev.nanpin.data.SeriesInfo seriesInfo(Json root, String seriesId) {
    List<Json> all = root.get("seriess").elements();
    if (all.size() != 1) {
      throw root.get("seriess").error("has %d series for one id".formatted(all.size()));
    }
    Json s = all.get(0);
    String id = s.get("id").text();
    if (!id.equalsIgnoreCase(seriesId)) {
      throw s.get("id").error("is " + id + ", asked " + seriesId);
    }
    Json updated = s.get("last_updated");
    java.time.Instant t;
    try {
      t = java.time.OffsetDateTime.parse(updated.text(), LAST_UPDATED).toInstant();
    } catch (java.time.DateTimeException e) {
      throw updated.error("must look like 2013-07-31 09:26:16-05 but is \"" + Json.abbreviate(updated.text()) + "\"");
    }
    return new dev.nanpin.data.SeriesInfo(id, s.get("title").text(), s.get("frequency").text(), s.get("units").text(), t);
  }

  /**
   * Reads the paging fields of an observations body.
   *
   * @param root the body
   * @return {count, offset, limit}
   */
  public static long[] paging(Json root) {
    return new long[] {root.get("count").longValue(), root.get("offset").longValue(), root.get("limit").longValue()};
  }
}
