package dev.nanpin.data.internal;

import dev.nanpin.DataException;
import dev.nanpin.Liquidation;
import dev.nanpin.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Binance USD-M futures {@code forceOrder} events:
 * {@code {"e":"forceOrder","E":ms,"o":{"s","S","o","f","q","p","ap","X","l","z","T"}}}.
 *
 * <p>The liquidation's price is the average fill price {@code o.ap} and its quantity the filled
 * quantity {@code o.z}, so its notional is {@code z x ap} (the documentation's sample: 0.014 x
 * 9910 = 138.74). {@code o.S} is the side of the forced order: {@code SELL} closed a long.
 * Messages of the stream mode ({@code {"stream":..,"data":..}}) and arrays of events are
 * unwrapped. An event with nothing filled yet ({@code z = 0}) carries no liquidation and is left
 * out. Any missing or implausible field is a {@link DataException} naming it ({@code o.ap},
 * {@code o.z}, {@code o.T}, ...).
 */
public final class BinanceForceOrderParser {
  /** The source id. */
  public static final String SOURCE = "binance";
  private static final String ID = "binance-liquidations";

  private BinanceForceOrderParser() {}

  /**
   * @param text one WebSocket message
   * @return the liquidations in it, in message order (usually one)
   * @throws DataException naming the field at fault
   */
  public static List<Liquidation> parse(String text) {
    Json root = Json.parse(ID, text);
    if (root.isObject() && root.has("data")) {
      root = root.get("data");
    }
    List<Liquidation> out = new ArrayList<>();
    if (root.isArray()) {
      for (Json e : root.elements()) {
        add(e, out);
      }
    } else {
      add(root, out);
    }
    return out;
  }

  private static void add(Json event, List<Liquidation> out) {
    event.requireObject();
    String type = event.get("e").text();
    if (!"forceOrder".equals(type)) {
      throw event.get("e").error("is '" + type + "', not a forceOrder event");
    }
    Json o = event.get("o").requireObject();
    String symbol = o.get("s").text();
    Json sideField = o.get("S");
    Side side = switch (sideField.text()) {
      case "SELL" -> Side.SELL;
      case "BUY" -> Side.BUY;
      default -> throw sideField.error("is neither BUY nor SELL: " + sideField.text());
    };
    BigDecimal filled = o.get("z").decimal();
    if (filled.signum() == 0) {
      return;
    }
    BigDecimal average = o.get("ap").decimal();
    Instant time = o.get("T").epochMillis();
    try {
      out.add(new Liquidation(SOURCE, symbol, side, average, filled, time));
    } catch (DataException e) {
      String field = switch (String.valueOf(e.field())) {
        case "price" -> "o.ap";
        case "quantity" -> "o.z";
        case "time" -> "o.T";
        default -> e.field();
      };
      throw new DataException(ID, field, ID + ": " + field + ": " + e.getMessage(), e);
    }
  }
}
