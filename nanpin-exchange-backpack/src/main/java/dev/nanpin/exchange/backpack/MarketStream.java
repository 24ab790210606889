package dev.nanpin.exchange.backpack;

/**
 * Backpack's public market-data streams that {@link BackpackExchange#streamMarketData} delivers
 * as typed events.
 */
public enum MarketStream {
  /** {@code trade.<symbol>}: every public trade, to {@link dev.nanpin.ExchangeListener#onTrade}. */
  TRADE("trade."),
  /** {@code bookTicker.<symbol>}: best bid and ask, to {@link dev.nanpin.ExchangeListener#onTicker}. */
  BOOK_TICKER("bookTicker."),
  /** {@code markPrice.<symbol>}: mark, index, funding, to {@link dev.nanpin.ExchangeListener#onMarkPrice}. */
  MARK_PRICE("markPrice."),
  /** {@code openInterest.<symbol>} (about every 60 s), to {@link dev.nanpin.ExchangeListener#onOpenInterest}. */
  OPEN_INTEREST("openInterest."),
  /**
   * {@code liquidation}: the venue documents it without a symbol, so every market's forced orders
   * arrive; {@link BackpackExchange#streamMarketData} passes on those of the subscribed symbol.
   */
  LIQUIDATION("liquidation");

  private final String prefix;

  MarketStream(String prefix) {
    this.prefix = prefix;
  }

  /**
   * @param symbol the market
   * @return the venue's stream name
   */
  public String streamName(String symbol) {
    return this == LIQUIDATION ? prefix : prefix + symbol;
  }
}
