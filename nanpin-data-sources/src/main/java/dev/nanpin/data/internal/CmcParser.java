package dev.nanpin.data.internal;

import dev.nanpin.AuthenticationException;
import dev.nanpin.DataException;
import dev.nanpin.NanpinException;
import dev.nanpin.PricePoint;
import dev.nanpin.RateLimitedException;
import dev.nanpin.Sentiment;
import dev.nanpin.data.MarketGlobal;
import dev.nanpin.data.PlanRestrictedException;
import dev.nanpin.data.QuotaExhaustedException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads CoinMarketCap bodies. Every body carries {@code status.error_code} (a number, or the
 * string {@code "0"} on the v3 endpoints), which is checked even on HTTP 200.
 */
public final class CmcParser {
  /** The source id. */
  public static final String ID = "coinmarketcap";
  /** The index name of CoinMarketCap's own Fear and Greed index (not alternative.me's). */
  public static final String FEAR_GREED_INDEX = "cmc-fear-greed";

  private CmcParser() {}

  /**
   * Checks a reply and returns its JSON, or throws the typed error it carries.
   *
   * @param r the reply
   * @return the root
   */
  public static Json check(Reply r) {
    if (r.html()) {
      throw Errors.html(ID, r);
    }
    Json root;
    try {
      root = Json.parse(ID, r.body());
    } catch (DataException e) {
      throw Errors.unreadable(ID, r, e);
    }
    if (!root.isObject() || !root.has("status")) {
      if (!r.ok()) {
        throw Errors.byStatus(ID, r, null, null);
      }
      root.get("status"); // throws: missing field $.status
    }
    Json status = root.get("status");
    long code = status.get("error_code").longValue();
    String message = status.opt("error_message").map(Json::scalarText).orElse(null);
    if (code != 0) {
      throw map(r, code, message);
    }
    if (!r.ok()) {
      throw Errors.byStatus(ID, r, null, message);
    }
    return root;
  }

  static NanpinException map(Reply r, long code, String message) {
    String c = Long.toString(code);
    String detail = message == null || message.isBlank() ? "" : ": " + Errors.clip(message);
    if (code == 1001 || code == 1002 || code == 1005 || code == 1007) {
      return new AuthenticationException(ID, c, "coinmarketcap rejected the key (" + c + ")" + detail
          + (code == 1002 ? "; set CMC_API_KEY" : ""), null);
    }
    if (code == 1003 || code == 1004 || code == 1006) {
      return new PlanRestrictedException(ID, c, "coinmarketcap: the key's plan does not allow this (" + c + ")" + detail);
    }
    if (code == 1008 || code == 1011) {
      return new RateLimitedException(ID, c, "coinmarketcap: rate limit exceeded (" + c + ")" + detail,
          Errors.orZero(r.retryAfter()));
    }
    if (code == 1009 || code == 1010) {
      return new QuotaExhaustedException(ID, c, "coinmarketcap: " + (code == 1009 ? "daily" : "monthly")
          + " credit limit used up (" + c + ")" + detail);
    }
    if (!r.ok()) {
      return Errors.byStatus(ID, r, c, message);
    }
    return new DataException(ID, "$.status.error_code", "coinmarketcap: error " + c + " inside an HTTP 200 body" + detail, null);
  }

  /**
   * Reads {@code quotes/latest} queried by numeric id: {@code data["<id>"]} is an object (or a
   * one-element array on some versions).
   *
   * @param root the body
   * @param id the numeric id asked
   * @param convert the quote currency asked, e.g. {@code USD}
   * @return the price
   */
  public static PricePoint quoteById(Json root, String id, String convert) {
    Json entry = root.get("data").get(id);
    if (entry.isArray()) {
      List<Json> all = entry.elements();
      if (all.size() != 1) {
        throw entry.error("has %d entries for one id".formatted(all.size()));
      }
      entry = all.get(0);
    }
    return quote(entry, id, convert);
  }

  /**
   * Reads {@code v2 quotes/latest} queried by symbol, where {@code data[SYMBOL]} is an array
   * because symbols are not unique. Exactly one match is accepted; several are refused with the
   * candidates' ids, never picked silently.
   *
   * @param root the body
   * @param symbol the symbol asked
   * @param convert the quote currency
   * @return the price
   */
  public static PricePoint quoteBySymbol(Json root, String symbol, String convert) {
    String s = symbol.toUpperCase(Locale.ROOT);
    Json entry = root.get("data").get(s);
    List<Json> all = entry.isArray() ? entry.elements() : List.of(entry);
    if (all.size() != 1) {
      List<String> candidates = new ArrayList<>();
      for (Json e : all) {
        String name = e.opt("name").map(Json::scalarText).orElse("?");
        String active = e.opt("is_active").map(Json::scalarText).orElse("?");
        candidates.add(e.get("id").scalarText() + " (" + name + ("1".equals(active) ? "" : ", inactive") + ")");
      }
      throw new DataException(ID, entry.path(), "coinmarketcap: symbol %s is ambiguous, it matches ids %s;"
          .formatted(s, String.join(", ", candidates)) + " configure the numeric id (e.g. --set cmcIds=" + s + "=<id>)", null);
    }
    return quote(all.get(0), s, convert);
  }

  private static PricePoint quote(Json entry, String asset, String convert) {
    String cur = convert.toUpperCase(Locale.ROOT);
    Json q = entry.get("quote").get(cur);
    BigDecimal price = q.get("price").positiveDecimal();
    Instant t = q.get("last_updated").isoInstant();
    return Parse.guard(ID, q.path(), () -> new PricePoint(asset, cur.toLowerCase(Locale.ROOT), price, t));
  }

  /**
   * Reads {@code /v1/global-metrics/quotes/latest}.
   *
   * @param root the body
   * @param convert the quote key ({@code USD}, or the {@code convert_id} used)
   * @return the metrics
   */
  public static MarketGlobal globalMetrics(Json root, String convert) {
    Json data = root.get("data");
    BigDecimal dom = data.get("btc_dominance").positiveDecimal();
    Json quotes = data.get("quote");
    Json q = quotes.get(convert.toUpperCase(Locale.ROOT));
    BigDecimal cap = q.get("total_market_cap").positiveDecimal();
    Instant t = q.has("last_updated") ? q.get("last_updated").isoInstant() : data.get("last_updated").isoInstant();
    return Parse.guard(ID, data.path(), () -> new MarketGlobal(dom, cap, t));
  }

  /**
   * Reads {@code /v3/fear-and-greed/latest}.
   *
   * @param root the body
   * @return the reading
   */
  public static Sentiment fearGreed(Json root) {
    Json data = root.get("data");
    int v = data.get("value").intIn(0, 100);
    Instant t = data.get("update_time").isoInstant();
    return new Sentiment(FEAR_GREED_INDEX, v, t);
  }

  /**
   * Reads {@code /v3/fear-and-greed/historical}: {@code data} is an array of {@code {timestamp
   * (unix seconds, a string), value, value_classification}}, newest first.
   *
   * @param root the body
   * @return the readings, newest last
   */
  public static List<Sentiment> fearGreedHistory(Json root) {
    List<Sentiment> out = new ArrayList<>();
    for (Json row : root.get("data").elements()) {
      int v = row.get("value").intIn(0, 100);
      Instant t = row.get("timestamp").epochSeconds();
      out.add(new Sentiment(FEAR_GREED_INDEX, v, t));
    }
    out.sort(java.util.Comparator.comparing(Sentiment::asOf));
    for (int i = 1; i < out.size(); i++) {
      if (!out.get(i).asOf().isAfter(out.get(i - 1).asOf())) {
        throw new DataException(ID, "$.data", "coinmarketcap: two fear and greed readings share the time " + out.get(i).asOf(), null);
      }
    }
    return out;
  }

  /**
   * Parses a configured {@code SYMBOL=id} map text, e.g. {@code BTC=1,ETH=1027}.
   *
   * @param text the text, may be blank
   * @return symbol (upper case) to id
   */
  public static Map<String, String> idMap(String text) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String pair : text.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank() || !kv[1].trim().matches("\\d+")) {
        throw new dev.nanpin.ConfigException("cmcIds", "cmcIds entries must be SYMBOL=numericId, got '" + pair + "'");
      }
      out.put(kv[0].trim().toUpperCase(Locale.ROOT), kv[1].trim());
    }
    return out;
  }
}
