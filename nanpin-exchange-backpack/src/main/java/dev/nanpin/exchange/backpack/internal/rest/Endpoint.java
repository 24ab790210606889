package dev.nanpin.exchange.backpack.internal.rest;

import dev.nanpin.ratelimit.Priority;

/**
 * Every Backpack endpoint the connector calls, with its method, path and signing instruction.
 * An endpoint not in this table cannot be called: there is no path by which a private request
 * goes out unsigned because an instruction was forgotten.
 */
public enum Endpoint {
  /** Markets. */
  MARKETS("GET", "/api/v1/markets", null, true),
  /** One market. */
  MARKET("GET", "/api/v1/market", null, true),
  /** 24 h ticker. */
  TICKER("GET", "/api/v1/ticker", null, true),
  /** All tickers. */
  TICKERS("GET", "/api/v1/tickers", null, true),
  /** Order book. */
  DEPTH("GET", "/api/v1/depth", null, true),
  /** Candles (historical data: its own, lower limit). */
  KLINES("GET", "/api/v1/klines", null, true),
  /** Mark price, index and funding. */
  MARK_PRICES("GET", "/api/v1/markPrices", null, true),
  /** Funding rate history. */
  FUNDING_RATES("GET", "/api/v1/fundingRates", null, true),
  /** Open interest. */
  OPEN_INTEREST("GET", "/api/v1/openInterest", null, true),
  /** Server time, text/plain milliseconds. */
  TIME("GET", "/api/v1/time", null, true),
  /** System status. */
  STATUS("GET", "/api/v1/status", null, true),
  /** Account settings. */
  ACCOUNT("GET", "/api/v1/account", "accountQuery", true),
  /** Account settings update (leverage). Setting a value twice is harmless. */
  ACCOUNT_UPDATE("PATCH", "/api/v1/account", "accountUpdate", true),
  /** Largest order size. */
  MAX_ORDER_QUANTITY("GET", "/api/v1/account/limits/order", "maxOrderQuantity", true),
  /** Balances. */
  BALANCES("GET", "/api/v1/capital", "balanceQuery", true),
  /** Collateral and margin. */
  COLLATERAL("GET", "/api/v1/capital/collateral", "collateralQuery", true),
  /** Open positions. */
  POSITIONS("GET", "/api/v1/position", "positionQuery", true),
  /** Place an order: never retried blind. */
  ORDER_EXECUTE("POST", "/api/v1/order", "orderExecute", false),
  /** Place several orders: never retried blind. */
  ORDER_BATCH("POST", "/api/v1/orders", "orderExecute", false),
  /** One open order by id or client id. */
  ORDER_QUERY("GET", "/api/v1/order", "orderQuery", true),
  /** Open orders. */
  OPEN_ORDERS("GET", "/api/v1/orders", "orderQueryAll", true),
  /** Cancel one order: attempted once, the caller decides. */
  ORDER_CANCEL("DELETE", "/api/v1/order", "orderCancel", false),
  /** Cancel all orders of a market: attempted once. */
  ORDER_CANCEL_ALL("DELETE", "/api/v1/orders", "orderCancelAll", false),
  /** Order history. */
  ORDER_HISTORY("GET", "/wapi/v1/history/orders", "orderHistoryQueryAll", true),
  /** Fill history. */
  FILL_HISTORY("GET", "/wapi/v1/history/fills", "fillHistoryQueryAll", true),
  /** Funding payments. */
  FUNDING_PAYMENTS("GET", "/wapi/v1/history/funding", "fundingHistoryQueryAll", true);

  private final String method;
  private final String path;
  private final String instruction;
  private final boolean idempotent;

  Endpoint(String method, String path, String instruction, boolean idempotent) {
    this.method = method;
    this.path = path;
    this.instruction = instruction;
    this.idempotent = idempotent;
  }

  /** @return the HTTP method */
  public String method() {
    return method;
  }

  /** @return the path */
  public String path() {
    return path;
  }

  /** @return the signing instruction, or {@code null} for a public endpoint */
  public String instruction() {
    return instruction;
  }

  /** @return whether the call may be retried */
  public boolean idempotent() {
    return idempotent;
  }

  /**
   * @return the priority at the rate limiter: orders and cancels {@link Priority#CRITICAL};
   *     account, positions and the order lookups that resolve an unknown outcome {@link
   *     Priority#HIGH}; funding history {@link Priority#LOW}; public data {@link Priority#MEDIUM}
   *     (klines {@link Priority#LOW})
   */
  public Priority priority() {
    return switch (this) {
      case ORDER_EXECUTE, ORDER_BATCH, ORDER_CANCEL, ORDER_CANCEL_ALL -> Priority.CRITICAL;
      case FUNDING_PAYMENTS, KLINES -> Priority.LOW;
      default -> instruction == null ? Priority.MEDIUM : Priority.HIGH;
    };
  }

  /** @return whether the call counts against the historical-data limit */
  public boolean historical() {
    return this == KLINES;
  }
}
