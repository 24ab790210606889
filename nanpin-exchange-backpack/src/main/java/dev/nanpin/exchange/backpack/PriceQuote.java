package dev.nanpin.exchange.backpack;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The latest price of a market and where it came from.
 *
 * @param symbol the market
 * @param price the last traded price
 * @param source {@link Source#WEBSOCKET} while the stream's last price is fresh, else {@link
 *     Source#REST}
 * @param age how long ago the price was received
 */
public record PriceQuote(String symbol, BigDecimal price, Source source, Duration age) {
  /** Where a price came from. */
  public enum Source {
    /** The {@code ticker} stream. */
    WEBSOCKET,
    /** A REST ticker request. */
    REST
  }

  /** Validates. */
  public PriceQuote {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(age, "age");
  }
}
