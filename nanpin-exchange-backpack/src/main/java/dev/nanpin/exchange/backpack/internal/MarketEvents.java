package dev.nanpin.exchange.backpack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nanpin.DataException;
import dev.nanpin.ExchangeException;
import dev.nanpin.Liquidation;
import dev.nanpin.MarkPrice;
import dev.nanpin.OpenInterest;
import dev.nanpin.Plausible;
import dev.nanpin.Side;
import dev.nanpin.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parses Backpack's public market-event streams ({@code trade}, {@code markPrice}, {@code
 * liquidation}, {@code openInterest}) into the core records.
 *
 * <p>Numbers are read from JSON numbers or strings; {@code E}/{@code T} are microseconds, {@code
 * n} (next funding) milliseconds. A missing field or an implausible value (a price of 0 or 1e30,
 * a negative open interest, a time before 2010) is a {@link DataException} naming the field;
 * it never reaches a listener as a figure.
 */
public final class MarketEvents {
  private MarketEvents() {}

  /**
   * @param d a {@code trade} event
   * @return the trade
   * @throws DataException naming the field at fault
   */
  public static Trade trade(JsonNode d) {
    return guard(Map.of(), () -> {
      String symbol = J.str(d, "s");
      String timeField = J.has(d, "T") ? "T" : "E";
      return new Trade(symbol, Plausible.price(dec(d, "p"), "p", symbol),
          Plausible.quantity(dec(d, "q"), "q", symbol, false), Trade.aggressorOf(J.bool(d, "m")),
          J.strOrNull(d, "t"), Plausible.time(micros(d, timeField), timeField, symbol));
    });
  }

  /**
   * @param d a {@code markPrice} event
   * @return the mark price
   * @throws DataException naming the field at fault
   */
  public static MarkPrice markPrice(JsonNode d) {
    return guard(Map.of("markPrice", "p", "indexPrice", "i", "fundingRate", "f", "nextFundingTime", "n", "time", "E"),
        () -> new MarkPrice(J.str(d, "s"), dec(d, "p"), J.decOrNull(d, "i"), J.decOrNull(d, "f"),
        J.has(d, "n") ? Instant.ofEpochMilli(J.lng(d, "n")) : null, micros(d, "E")));
  }

  /**
   * @param d an {@code openInterest} event ({@code o} is the open contracts)
   * @return the open interest
   * @throws DataException naming the field at fault
   */
  public static OpenInterest openInterest(JsonNode d) {
    return guard(Map.of("openInterest", "o", "time", "E"), () -> new OpenInterest(J.str(d, "s"), dec(d, "o"), micros(d, "E")));
  }

  /**
   * @param d a {@code liquidation} event ({@code S} is {@code Bid} or {@code Ask}: the side of
   *     the liquidation order)
   * @return the liquidation
   * @throws DataException naming the field at fault
   */
  public static Liquidation liquidation(JsonNode d) {
    String timeField = J.has(d, "T") ? "T" : "E";
    return guard(Map.of("price", "p", "quantity", "q", "time", timeField), () -> {
      String side = J.str(d, "S");
      Side s = switch (side) {
        case "Bid", "BUY", "Buy" -> Side.BUY;
        case "Ask", "SELL", "Sell" -> Side.SELL;
        default -> throw new DataException(J.VENUE, "S", "backpack: unknown liquidation side '" + side + "'", null);
      };
      return new Liquidation(J.VENUE, J.str(d, "s"), s, dec(d, "p"), dec(d, "q"), micros(d, timeField));
    });
  }

  private static BigDecimal dec(JsonNode d, String field) {
    if (!J.has(d, field)) {
      throw new DataException(J.VENUE, field, "backpack: missing '" + field + "' in " + J.abbreviate(d), null);
    }
    return J.decimal(d.get(field), field);
  }

  private static Instant micros(JsonNode d, String field) {
    if (!J.has(d, field)) {
      throw new DataException(J.VENUE, field, "backpack: missing time '" + field + "' in " + J.abbreviate(d), null);
    }
    return Instant.EPOCH.plusNanos(Math.multiplyExact(J.lng(d, field), 1000L));
  }

  /**
   * Gives every refusal the venue's name and names the field as the event does ({@code p}, not
   * the record's {@code markPrice}).
   */
  private static <T> T guard(Map<String, String> wireNames, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (DataException e) {
      if (J.VENUE.equals(e.source())) {
        throw e;
      }
      String field = wireNames.getOrDefault(String.valueOf(e.field()), e.field());
      throw new DataException(J.VENUE, field, "backpack: " + field + ": " + e.getMessage(), e);
    } catch (ExchangeException | ArithmeticException e) {
      throw new DataException(J.VENUE, null, "backpack: unusable event: " + e.getMessage(), e);
    }
  }
}
