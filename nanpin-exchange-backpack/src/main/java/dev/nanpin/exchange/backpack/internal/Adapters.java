package dev.nanpin.exchange.backpack.internal;

import static dev.nanpin.exchange.backpack.internal.J.bool;
import static dev.nanpin.exchange.backpack.internal.J.dec;
import static dev.nanpin.exchange.backpack.internal.J.decOrNull;
import static dev.nanpin.exchange.backpack.internal.J.has;
import static dev.nanpin.exchange.backpack.internal.J.lngOr;
import static dev.nanpin.exchange.backpack.internal.J.malformed;
import static dev.nanpin.exchange.backpack.internal.J.str;
import static dev.nanpin.exchange.backpack.internal.J.strOrNull;
import static dev.nanpin.exchange.backpack.internal.J.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.DataException;
import dev.nanpin.ExchangeException;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderStatus;
import dev.nanpin.OrderType;
import dev.nanpin.Plausible;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.Ticker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Venue JSON (REST and WebSocket) to core records. Every conversion failure, including a
 * record's own validation (a zero price, a crossed book), becomes an {@link ExchangeException}
 * with code {@value J#MALFORMED}.
 */
public final class Adapters {
  private Adapters() {}

  /**
   * Runs a conversion, turning validation failures into typed errors.
   *
   * @param what for messages
   * @param conversion the conversion
   * @param <T> the result type
   * @return the result
   */
  public static <T> T guard(String what, Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (ExchangeException | DataException e) {
      throw e; // already typed; an implausible value is a DataException naming its field
    } catch (RuntimeException e) {
      throw new ExchangeException(J.VENUE, J.MALFORMED, "backpack: unusable " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param n a market
   * @return the instrument, or {@code null} for market types the core does not model
   *     (prediction, dated, RFQ, ...)
   */
  public static Instrument instrument(JsonNode n) {
    String type = strOrNull(n, "marketType");
    InstrumentKind kind;
    if ("SPOT".equalsIgnoreCase(type)) {
      kind = InstrumentKind.SPOT;
    } else if ("PERP".equalsIgnoreCase(type)) {
      kind = InstrumentKind.PERP;
    } else {
      return null;
    }
    String symbol = str(n, "symbol");
    return guard("market " + symbol, () -> {
      JsonNode filters = n.path("filters");
      JsonNode price = filters.path("price");
      JsonNode quantity = filters.path("quantity");
      BigDecimal step = dec(quantity, "stepSize");
      BigDecimal min = decOrNull(quantity, "minQuantity");
      return new Instrument(symbol, str(n, "baseSymbol"), str(n, "quoteSymbol"), kind, dec(price, "tickSize"),
          step, min == null || min.signum() <= 0 ? step : min);
    });
  }

  /**
   * @param n a REST ticker
   * @param now the time to stamp (the REST ticker has none)
   * @return the ticker (no bid/ask: the REST ticker has none)
   */
  public static Ticker ticker(JsonNode n, Instant now) {
    String symbol = str(n, "symbol");
    return guard("ticker " + symbol, () -> new Ticker(symbol, Plausible.price(J.VENUE, "lastPrice", dec(n, "lastPrice")), null, null,
        now));
  }

  /**
   * @param symbol the market
   * @param n the depth body
   * @param levels the most levels per side kept
   * @return the book, best first, zero-quantity levels dropped
   */
  public static OrderBook orderBook(String symbol, JsonNode n, int levels) {
    return guard("order book " + symbol, () -> {
      List<OrderBook.Level> bids = levels(n.path("bids"), true, levels);
      List<OrderBook.Level> asks = levels(n.path("asks"), false, levels);
      long id = lngOr(n, "lastUpdateId", -1);
      Instant t = has(n, "timestamp") ? time(n, "timestamp") : Instant.EPOCH;
      return new OrderBook(symbol, bids, asks, id, t);
    });
  }

  /**
   * Reads {@code [[price, qty], ...]}, sorts best first (the venue does not document its order)
   * and drops zero quantities.
   *
   * @param side the array
   * @param bids whether these are bids (highest first)
   * @param max the most levels kept
   * @return the levels
   */
  public static List<OrderBook.Level> levels(JsonNode side, boolean bids, int max) {
    Comparator<BigDecimal> order = bids ? Comparator.reverseOrder() : Comparator.naturalOrder();
    TreeMap<BigDecimal, BigDecimal> sorted = new TreeMap<>(order);
    for (JsonNode level : side) {
      if (!level.isArray() || level.size() < 2) {
        throw malformed("depth level is not [price, quantity]: " + J.abbreviate(level));
      }
      BigDecimal p = J.decimal(level.get(0), "price");
      BigDecimal q = J.decimal(level.get(1), "quantity");
      if (q.signum() > 0) {
        sorted.put(p, q);
      }
    }
    List<OrderBook.Level> out = new ArrayList<>();
    for (Map.Entry<BigDecimal, BigDecimal> e : sorted.entrySet()) {
      if (out.size() >= max) {
        break;
      }
      out.add(new OrderBook.Level(e.getKey(), e.getValue()));
    }
    return out;
  }

  /**
   * @param n a REST kline
   * @return the bar, or {@code null} when the venue left its prices empty (no trades)
   */
  public static Bar bar(JsonNode n) {
    if (!has(n, "open") || !has(n, "close") || !has(n, "high") || !has(n, "low")) {
      return null;
    }
    return guard("kline", () -> new Bar(time(n, "start"), dec(n, "open"), dec(n, "high"), dec(n, "low"),
        dec(n, "close"), has(n, "volume") ? dec(n, "volume") : BigDecimal.ZERO));
  }

  /**
   * @param text {@code Bid}/{@code Ask}, any case
   * @return the side
   */
  public static Side side(String text) {
    if ("Bid".equalsIgnoreCase(text)) {
      return Side.BUY;
    }
    if ("Ask".equalsIgnoreCase(text)) {
      return Side.SELL;
    }
    throw malformed("unknown side " + text);
  }

  /**
   * @param side a core side
   * @return the venue's name
   */
  public static String side(Side side) {
    return side == Side.BUY ? "Bid" : "Ask";
  }

  /**
   * @param text the venue's order status
   * @return the core status; trigger states map to NEW (pending) and REJECTED (failed)
   */
  public static OrderStatus status(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "new", "triggerpending" -> OrderStatus.NEW;
      case "partiallyfilled" -> OrderStatus.PARTIALLY_FILLED;
      case "filled" -> OrderStatus.FILLED;
      case "cancelled", "canceled" -> OrderStatus.CANCELLED;
      case "expired" -> OrderStatus.EXPIRED;
      case "triggerfailed", "rejected" -> OrderStatus.REJECTED;
      default -> throw malformed("unknown order status " + text);
    };
  }

  /**
   * @param text {@code Market}/{@code Limit} (REST) or {@code MARKET}/{@code LIMIT} (WebSocket)
   * @return the order type
   */
  public static OrderType orderType(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "market" -> OrderType.MARKET;
      case "limit" -> OrderType.LIMIT;
      default -> throw malformed("unknown order type " + text);
    };
  }

  /**
   * @param n a REST order
   * @return the order
   */
  public static Order order(JsonNode n) {
    String id = str(n, "id");
    return guard("order " + id, () -> {
      BigDecimal qty = positiveOrNull(decOrNull(n, "quantity"));
      BigDecimal filled = decOrNull(n, "executedQuantity");
      OrderType type = orderType(str(n, "orderType"));
      BigDecimal price = type == OrderType.LIMIT ? positiveOrNull(decOrNull(n, "price")) : null;
      Instant created = has(n, "createdAt") ? time(n, "createdAt") : Instant.EPOCH;
      return new Order(id, lngOr(n, "clientId", -1), str(n, "symbol"), side(str(n, "side")), type,
          status(str(n, "status")), qty, filled == null ? BigDecimal.ZERO : filled, price, bool(n, "reduceOnly"),
          created);
    });
  }

  /**
   * @param n a fill-history item
   * @return the fill
   */
  public static Fill fill(JsonNode n) {
    String tradeId = str(n, "tradeId");
    return guard("fill " + tradeId, () -> {
      BigDecimal fee = decOrNull(n, "fee");
      String feeAsset = strOrNull(n, "feeSymbol");
      return new Fill(tradeId, str(n, "orderId"), lngOr(n, "clientId", -1), str(n, "symbol"), side(str(n, "side")),
          dec(n, "price"), dec(n, "quantity"), fee == null ? BigDecimal.ZERO : fee.abs(),
          feeAsset == null ? "?" : feeAsset, bool(n, "isMaker"), time(n, "timestamp"));
    });
  }

  /**
   * @param n a position
   * @param now the time of the view
   * @return the position
   */
  public static Position position(JsonNode n, Instant now) {
    String symbol = str(n, "symbol");
    return guard("position " + symbol, () -> {
      BigDecimal liq = positiveOrNull(decOrNull(n, "estLiquidationPrice"));
      BigDecimal upnl = decOrNull(n, "pnlUnrealized");
      BigDecimal qty = dec(n, "netQuantity");
      BigDecimal entry = dec(n, "entryPrice");
      if (qty.signum() != 0) {
        Plausible.price(J.VENUE, "entryPrice", entry); // an open position has an entry price
      }
      return new Position(symbol, qty, entry, Plausible.price(J.VENUE, "markPrice", dec(n, "markPrice")),
          upnl == null ? BigDecimal.ZERO : upnl, liq, now);
    });
  }

  /**
   * @param n the capital map {@code {"USDC":{"available":..,"locked":..,"staked":..}}}
   * @return the balances; staked amounts count as locked
   */
  public static List<Balance> balances(JsonNode n) {
    if (!n.isObject()) {
      throw malformed("balances are not an object: " + J.abbreviate(n));
    }
    List<Balance> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode b = e.getValue();
      out.add(guard("balance " + e.getKey(), () -> {
        BigDecimal locked = dec(b, "locked");
        BigDecimal staked = decOrNull(b, "staked");
        return new Balance(e.getKey(), dec(b, "available"), staked == null ? locked : locked.add(staked));
      }));
    }
    return out;
  }

  /**
   * @param n the collateral body
   * @param now the time of the view
   * @return equity = {@code netEquity}, collateral = sum of the assets' {@code collateralValue}
   *     (or {@code assetsValue}), free margin = {@code netEquityAvailable}, margin in use =
   *     {@code netEquityLocked}; negatives clamp to zero where the core requires it
   */
  public static AccountState account(JsonNode n, Instant now) {
    return guard("collateral", () -> {
      BigDecimal collateral = BigDecimal.ZERO;
      boolean any = false;
      for (JsonNode c : n.path("collateral")) {
        BigDecimal v = decOrNull(c, "collateralValue");
        if (v != null) {
          collateral = collateral.add(v);
          any = true;
        }
      }
      if (!any) {
        BigDecimal assets = decOrNull(n, "assetsValue");
        collateral = assets == null ? BigDecimal.ZERO : assets;
      }
      BigDecimal locked = decOrNull(n, "netEquityLocked");
      return new AccountState(dec(n, "netEquity"), collateral.max(BigDecimal.ZERO),
          dec(n, "netEquityAvailable").max(BigDecimal.ZERO),
          locked == null ? BigDecimal.ZERO : locked.max(BigDecimal.ZERO), now);
    });
  }

  // ---- WebSocket payloads ------------------------------------------------------------------

  /**
   * @param d a {@code ticker} event
   * @return the ticker (last = {@code c})
   */
  public static Ticker wsTicker(JsonNode d) {
    String symbol = str(d, "s");
    return guard("ticker event " + symbol, () -> new Ticker(symbol, Plausible.price(J.VENUE, "c", dec(d, "c")), null, null,
        eventTime(d)));
  }

  /**
   * @param d a {@code bookTicker} event
   * @param last the last trade price to report, or {@code null} to use the mid price
   * @return the ticker with bid and ask
   */
  public static Ticker wsBookTicker(JsonNode d, BigDecimal last) {
    String symbol = str(d, "s");
    return guard("bookTicker event " + symbol, () -> {
      BigDecimal bid = dec(d, "b");
      BigDecimal ask = dec(d, "a");
      BigDecimal l = last != null ? last : bid.add(ask).divide(BigDecimal.valueOf(2));
      return new Ticker(symbol, l, bid, ask, eventTime(d));
    });
  }

  /**
   * @param d a {@code kline} event
   * @return the bar, or {@code null} when the candle is still open or empty
   */
  public static Bar wsClosedBar(JsonNode d) {
    if (!bool(d, "X") || !has(d, "o")) {
      return null;
    }
    return guard("kline event", () -> new Bar(time(d, "t"), dec(d, "o"), dec(d, "h"), dec(d, "l"), dec(d, "c"),
        has(d, "v") ? dec(d, "v") : BigDecimal.ZERO));
  }

  /**
   * @param d an {@code account.orderUpdate} event
   * @return the order as now reported
   */
  public static Order wsOrder(JsonNode d) {
    String id = str(d, "i");
    return guard("order event " + id, () -> {
      OrderType type = orderType(str(d, "o"));
      BigDecimal qty = positiveOrNull(decOrNull(d, "q"));
      BigDecimal filled = decOrNull(d, "z");
      BigDecimal price = type == OrderType.LIMIT ? positiveOrNull(decOrNull(d, "p")) : null;
      OrderStatus status = has(d, "X") ? status(str(d, "X")) : OrderStatus.NEW;
      return new Order(id, lngOr(d, "c", -1), str(d, "s"), side(str(d, "S")), type, status, qty,
          filled == null ? BigDecimal.ZERO : filled, price, bool(d, "r"), eventTime(d));
    });
  }

  /**
   * @param d an {@code orderFill} event
   * @return the fill
   */
  public static Fill wsFill(JsonNode d) {
    String tradeId = str(d, "t");
    return guard("fill event " + tradeId, () -> {
      BigDecimal fee = decOrNull(d, "n");
      String feeAsset = strOrNull(d, "N");
      return new Fill(tradeId, str(d, "i"), lngOr(d, "c", -1), str(d, "s"), side(str(d, "S")), dec(d, "L"),
          dec(d, "l"), fee == null ? BigDecimal.ZERO : fee.abs(), feeAsset == null ? "?" : feeAsset,
          bool(d, "m"), eventTime(d));
    });
  }

  /**
   * @param d an {@code account.positionUpdate} event
   * @return the position
   */
  public static Position wsPosition(JsonNode d) {
    String symbol = str(d, "s");
    return guard("position event " + symbol, () -> {
      BigDecimal entry = decOrNull(d, "B");
      BigDecimal mark = decOrNull(d, "M");
      BigDecimal upnl = decOrNull(d, "P");
      return new Position(symbol, dec(d, "q"), entry == null ? BigDecimal.ZERO : entry,
          mark == null ? BigDecimal.ZERO : mark, upnl == null ? BigDecimal.ZERO : upnl,
          positiveOrNull(decOrNull(d, "l")), eventTime(d));
    });
  }

  /**
   * @param d a WebSocket payload
   * @return its event time ({@code E}, microseconds), or the epoch when absent
   */
  public static Instant eventTime(JsonNode d) {
    if (!has(d, "E")) {
      return Instant.EPOCH;
    }
    long micros = J.lng(d, "E");
    return Instant.EPOCH.plusNanos(micros * 1000L);
  }

  private static BigDecimal positiveOrNull(BigDecimal d) {
    return d == null || d.signum() <= 0 ? null : d;
  }
}
