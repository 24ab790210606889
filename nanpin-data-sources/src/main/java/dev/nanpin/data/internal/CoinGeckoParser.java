package dev.nanpin.data.internal;

import dev.nanpin.AuthenticationException;
import dev.nanpin.Bar;
import dev.nanpin.DataException;
import dev.nanpin.NanpinException;
import dev.nanpin.PricePoint;
import dev.nanpin.RateLimitedException;
import dev.nanpin.data.ApiUsage;
import dev.nanpin.data.CoinMarket;
import dev.nanpin.data.DerivativeTicker;
import dev.nanpin.data.MarketGlobal;
import dev.nanpin.data.PlanRestrictedException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads CoinGecko bodies (Demo and Pro have the same shapes) and maps its three error shapes. */
public final class CoinGeckoParser {
  /** The source id. */
  public static final String ID = "coingecko";

  private CoinGeckoParser() {}

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
    Integer code = null;
    String message = null;
    if (root.isObject()) {
      // Shapes: {"status":{error_code,error_message}}, {"error":{"status":{...}}}, {"error":"text"}.
      Json status = null;
      if (root.has("status") && root.opt("status").get().isObject()) {
        status = root.get("status");
      } else if (root.has("error")) {
        Json error = root.get("error");
        if (error.node().isTextual()) {
          message = error.text();
        } else if (error.isObject() && error.has("status")) {
          status = error.get("status");
        } else {
          message = error.node().toString();
        }
      }
      if (status != null && status.isObject() && status.has("error_code")) {
        long raw = safeLong(status.get("error_code"));
        code = raw >= Integer.MIN_VALUE && raw <= Integer.MAX_VALUE ? (int) raw : -1;
        message = status.has("error_message") ? status.get("error_message").scalarText() : null;
      }
    }
    if (code != null || message != null) {
      throw map(r, code, message);
    }
    if (!r.ok()) {
      throw Errors.byStatus(ID, r, null, null);
    }
    return root;
  }

  private static long safeLong(Json j) {
    try {
      return j.longValue();
    } catch (DataException e) {
      return -1;
    }
  }

  static NanpinException map(Reply r, Integer code, String message) {
    String c = code == null ? null : code.toString();
    String detail = message == null ? "" : ": " + Errors.clip(message);
    if (code != null) {
      switch (code) {
        case 10002:
          return new AuthenticationException(ID, c, "coingecko: API key missing; set COINGECKO_API_KEY (a key is required)" + detail, null);
        case 10010:
          return new AuthenticationException(ID, c, "coingecko: a Pro key was sent to the Demo host api.coingecko.com;"
              + " set COINGECKO_PLAN=pro (plan=pro) so the pro-api host and x-cg-pro-api-key header are used" + detail, null);
        case 10011:
          return new AuthenticationException(ID, c, "coingecko: a Demo key was sent to the Pro host pro-api.coingecko.com;"
              + " set COINGECKO_PLAN=demo (plan=demo) so the api host and x-cg-demo-api-key header are used" + detail, null);
        case 10005:
          return new PlanRestrictedException(ID, c, "coingecko: this endpoint is not included in the key's plan" + detail);
        case 10012:
          return new PlanRestrictedException(ID, c, "coingecko: the Demo/public plan reaches back 365 days only;"
              + " ask for a shorter range or use a paid plan" + detail);
        case 429:
          return new RateLimitedException(ID, c, "coingecko: rate limit exceeded" + detail,
              Errors.orZero(r.retryAfter()));
        default:
          break;
      }
    }
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (r.status() == 401 || (r.status() == 400 && (lower.contains("api key") || lower.contains("root url")))) {
      // Users most often get here with a Demo key on the Pro host or the reverse.
      return new AuthenticationException(ID, c, "coingecko refused the key (HTTP " + r.status() + ")" + detail
          + "; check that COINGECKO_PLAN matches the key: demo keys use api.coingecko.com with x-cg-demo-api-key,"
          + " pro keys pro-api.coingecko.com with x-cg-pro-api-key", null);
    }
    if (!r.ok()) {
      return Errors.byStatus(ID, r, c, message);
    }
    return new DataException(ID, "error", "coingecko: error inside an HTTP 200 body" + detail, null);
  }

  /**
   * Reads {@code /simple/price}.
   *
   * @param root the body
   * @param asset the coin id asked
   * @param vs the quote currency asked
   * @return the price
   */
  public static PricePoint simplePrice(Json root, String asset, String vs) {
    String v = vs.toLowerCase(Locale.ROOT);
    if (!root.requireObject().has(asset)) {
      // Unknown ids are silently omitted by the API.
      throw new DataException(ID, "$." + asset, "coingecko: no price for '%s' (unknown CoinGecko id?)".formatted(asset), null);
    }
    Json coin = root.get(asset);
    BigDecimal price = coin.get(v).positiveDecimal();
    Instant t = coin.get("last_updated_at").epochSeconds();
    return Parse.guard(ID, coin.path(), () -> new PricePoint(asset, v, price, t));
  }

  /**
   * Reads {@code /coins/{id}/market_chart[/range]} prices as single-price bars (open = high =
   * low = close; volume 0 because the source gives a rolling 24h quote volume, not a bar volume).
   *
   * @param root the body
   * @return the bars, oldest first
   */
  public static List<Bar> marketChart(Json root) {
    List<Bar> bars = new ArrayList<>();
    for (Json point : root.get("prices").elements()) {
      Instant t = point.at(0).epochMillis();
      BigDecimal p = point.at(1).positiveDecimal();
      bars.add(Parse.guard(ID, point.path(), () -> new Bar(t, p, p, p, p, BigDecimal.ZERO)));
    }
    return Parse.strictlyIncreasing(ID, "$.prices", bars, Bar::time);
  }

  /**
   * Reads {@code /coins/{id}/ohlc}. CoinGecko stamps a candle with its close time; bars carry the
   * open time, so each time is moved back by the candle length of the span.
   *
   * @param root the body
   * @param days the span asked
   * @return the bars, oldest first, volume 0 (the endpoint has none)
   */
  public static List<Bar> ohlc(Json root, int days) {
    Duration len = days <= 2 ? Duration.ofMinutes(30) : days <= 30 ? Duration.ofHours(4) : Duration.ofDays(4);
    List<Bar> bars = new ArrayList<>();
    for (Json row : root.elements()) {
      Instant close = row.at(0).epochMillis();
      BigDecimal o = row.at(1).positiveDecimal();
      BigDecimal h = row.at(2).positiveDecimal();
      BigDecimal l = row.at(3).positiveDecimal();
      BigDecimal c = row.at(4).positiveDecimal();
      bars.add(Parse.guard(ID, row.path(), () -> new Bar(close.minus(len), o, h, l, c, BigDecimal.ZERO)));
    }
    return Parse.strictlyIncreasing(ID, "$", bars, Bar::time);
  }

  /**
   * Reads {@code /global}.
   *
   * @param root the body
   * @return the metrics
   */
  public static MarketGlobal global(Json root) {
    Json data = root.get("data");
    BigDecimal dom = data.get("market_cap_percentage").get("btc").positiveDecimal();
    BigDecimal cap = data.get("total_market_cap").get("usd").positiveDecimal();
    Instant t = data.get("updated_at").epochSeconds();
    return Parse.guard(ID, data.path(), () -> new MarketGlobal(dom, cap, t));
  }

  /**
   * Reads {@code /derivatives}.
   *
   * @param root the body
   * @param indexId keep only this underlying, or {@code null}
   * @return the tickers
   */
  public static List<DerivativeTicker> derivatives(Json root, String indexId) {
    List<DerivativeTicker> out = new ArrayList<>();
    for (Json t : root.elements()) {
      String index = t.has("index_id") ? t.get("index_id").text() : "";
      if (indexId != null && !indexId.equalsIgnoreCase(index)) {
        continue;
      }
      String market = t.get("market").text();
      String symbol = t.get("symbol").text();
      BigDecimal price = t.get("price").positiveDecimal();
      BigDecimal funding = t.opt("funding_rate").map(Json::decimal).orElse(null);
      BigDecimal oi = t.opt("open_interest").map(Json::nonNegativeDecimal).orElse(null);
      boolean perp = t.opt("contract_type").map(Json::text).map("perpetual"::equalsIgnoreCase).orElse(false);
      Instant last = t.get("last_traded_at").epochSeconds();
      out.add(Parse.guard(ID, t.path(), () -> new DerivativeTicker(market, symbol, index, price, funding, oi, perp, last)));
    }
    return out;
  }

  /**
   * Reads {@code /key}.
   *
   * @param root the body
   * @return the usage
   */
  public static ApiUsage key(Json root) {
    String plan = root.get("plan").text();
    long rpm = root.get("rate_limit_request_per_minute").longValue();
    long credits = root.get("monthly_call_credit").longValue();
    long used = root.get("current_total_monthly_calls").longValue();
    long left = root.get("current_remaining_monthly_calls").longValue();
    return Parse.guard(ID, root.path(), () -> new ApiUsage(plan, rpm, credits, used, left));
  }

  /**
   * Reads {@code /coins/markets}.
   *
   * @param root the body
   * @return the rows
   */
  public static List<CoinMarket> markets(Json root) {
    List<CoinMarket> out = new ArrayList<>();
    for (Json m : root.elements()) {
      String id = m.get("id").text();
      String symbol = m.get("symbol").text();
      String name = m.get("name").text();
      BigDecimal price = m.get("current_price").positiveDecimal();
      BigDecimal cap = m.opt("market_cap").map(Json::nonNegativeDecimal).orElse(null);
      Instant t = m.get("last_updated").isoInstant();
      out.add(Parse.guard(ID, m.path(), () -> new CoinMarket(id, symbol, name, price, cap, t)));
    }
    return out;
  }
}
