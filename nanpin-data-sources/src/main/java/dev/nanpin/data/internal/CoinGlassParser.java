package dev.nanpin.data.internal;

import dev.nanpin.AuthenticationException;
import dev.nanpin.DataException;
import dev.nanpin.NanpinException;
import dev.nanpin.NotFoundException;
import dev.nanpin.RateLimitedException;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.data.LiquidationBar;
import dev.nanpin.data.LiquidationHeatmap;
import dev.nanpin.data.OhlcPoint;
import dev.nanpin.data.PlanRestrictedException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads CoinGlass v4 bodies. Success is HTTP 200 <em>and</em> {@code code == "0"}; a plan that
 * lacks the endpoint answers HTTP 200 with {@code {"code":"401","msg":"Upgrade plan"}}.
 */
public final class CoinGlassParser {
  /** The source id. */
  public static final String ID = "coinglass";

  private CoinGlassParser() {}

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
    if (!root.isObject() || !root.has("code")) {
      if (!r.ok()) {
        throw Errors.byStatus(ID, r, null, null);
      }
      root.requireObject().get("code"); // throws: missing field $.code
    }
    String code = root.get("code").scalarText().trim();
    String msg = root.opt("msg").map(Json::scalarText).orElse("");
    if (!code.equals("0")) {
      throw map(r, code, msg);
    }
    if (!r.ok()) {
      throw Errors.byStatus(ID, r, code, msg);
    }
    return root;
  }

  static NanpinException map(Reply r, String code, String msg) {
    String lower = msg.toLowerCase(Locale.ROOT);
    String detail = msg.isBlank() ? "" : ": " + Errors.clip(msg);
    if (lower.contains("upgrade") || lower.contains("plan")) {
      return new PlanRestrictedException(ID, code, "coinglass: the key's plan does not include this endpoint or interval" + detail);
    }
    if (lower.contains("api key") || lower.contains("apikey") || code.equals("30001")) {
      return new AuthenticationException(ID, code, "coinglass rejected the key" + detail
          + " (v4 wants the CG-API-KEY header; set COINGLASS_API_KEY)", null);
    }
    switch (code) {
      case "401":
        return new AuthenticationException(ID, code, "coinglass: unauthorized" + detail, null);
      case "429":
        return new RateLimitedException(ID, code, "coinglass: rate limit exceeded" + detail, Errors.orZero(r.retryAfter()));
      case "404":
        return new NotFoundException(ID, code, "coinglass: endpoint not found" + detail, null);
      case "408":
      case "500":
        return new VenueUnavailableException(ID, code, "coinglass: server error" + detail, null);
      default:
        if (!r.ok()) {
          return Errors.byStatus(ID, r, code, msg);
        }
        return new DataException(ID, "$.code", "coinglass: error code " + code + " inside an HTTP 200 body" + detail, null);
    }
  }

  /**
   * Reads the plan-limit headers.
   *
   * @param r the reply
   * @return {max per minute, used in the window}, each empty when absent or unreadable
   */
  public static OptionalLong[] planLimits(Reply r) {
    return new OptionalLong[] {header(r, "API-KEY-MAX-LIMIT"), header(r, "API-KEY-USE-LIMIT")};
  }

  private static OptionalLong header(Reply r, String name) {
    String v = r.header(name);
    if (v == null) {
      return OptionalLong.empty();
    }
    try {
      long n = Long.parseLong(v.trim());
      return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Reads liquidation history, per coin (numbers, {@code aggregated_*}) or per pair (strings).
   *
   * @param root the body
   * @return the bars, oldest first
   */
  public static List<LiquidationBar> liquidations(Json root) {
    List<LiquidationBar> out = new ArrayList<>();
    for (Json row : root.get("data").elements()) {
      Instant t = row.get("time").epochMillis();
      boolean agg = row.has("aggregated_long_liquidation_usd") || row.has("aggregated_short_liquidation_usd");
      BigDecimal l = row.get(agg ? "aggregated_long_liquidation_usd" : "long_liquidation_usd").nonNegativeDecimal();
      BigDecimal s = row.get(agg ? "aggregated_short_liquidation_usd" : "short_liquidation_usd").nonNegativeDecimal();
      out.add(Parse.guard(ID, row.path(), () -> new LiquidationBar(t, l, s)));
    }
    return Parse.strictlyIncreasing(ID, "$.data", out, LiquidationBar::time);
  }

  /**
   * Reads OHLC history (open interest, funding rates).
   *
   * @param root the body
   * @return the points, oldest first
   */
  public static List<OhlcPoint> ohlc(Json root) {
    List<OhlcPoint> out = new ArrayList<>();
    for (Json row : root.get("data").elements()) {
      Instant t = row.get("time").epochMillis();
      BigDecimal o = row.get("open").decimal();
      BigDecimal h = row.get("high").decimal();
      BigDecimal l = row.get("low").decimal();
      BigDecimal c = row.get("close").decimal();
      out.add(Parse.guard(ID, row.path(), () -> new OhlcPoint(t, o, h, l, c)));
    }
    return Parse.strictlyIncreasing(ID, "$.data", out, OhlcPoint::time);
  }

  /**
   * Reads an (aggregated) liquidation heatmap. Every cell must point inside the price axis and
   * the candles; a cell outside them is an error, not a guess.
   *
   * @param root the body
   * @param symbol the symbol asked
   * @return the heatmap
   */
  public static LiquidationHeatmap heatmap(Json root, String symbol) {
    Json data = root.get("data");
    List<Json> axis = data.get("y_axis").elements();
    double[] prices = new double[axis.size()];
    for (int i = 0; i < prices.length; i++) {
      prices[i] = axis.get(i).positiveDecimal().doubleValue();
      if (i > 0 && !(prices[i] > prices[i - 1])) {
        throw axis.get(i).error("price levels must increase");
      }
    }
    List<Json> candles = data.get("price_candlesticks").elements();
    if (candles.isEmpty()) {
      throw data.get("price_candlesticks").error("is empty; the current price is unknown");
    }
    Instant[] times = new Instant[candles.size()];
    double[] closes = new double[candles.size()];
    for (int i = 0; i < candles.size(); i++) {
      Json c = candles.get(i);
      times[i] = c.at(0).epochSeconds();
      closes[i] = c.at(4).positiveDecimal().doubleValue();
      if (i > 0 && !times[i].isAfter(times[i - 1])) {
        throw c.error("timestamps out of order");
      }
    }
    List<LiquidationHeatmap.Cell> cells = new ArrayList<>();
    for (Json cell : data.get("liquidation_leverage_data").elements()) {
      int x = cell.at(0).intIn(0, Integer.MAX_VALUE);
      int y = cell.at(1).intIn(0, Integer.MAX_VALUE);
      double v = cell.at(2).nonNegativeDecimal().doubleValue();
      if (y >= prices.length) {
        throw cell.error("price index %d is outside y_axis (%d levels)".formatted(y, prices.length));
      }
      if (x >= candles.size()) {
        throw cell.error("time index %d is outside price_candlesticks (%d candles)".formatted(x, candles.size()));
      }
      cells.add(new LiquidationHeatmap.Cell(x, y, v));
    }
    return Parse.guard(ID, data.path(), () -> new LiquidationHeatmap(symbol, prices, times, closes, cells));
  }
}
