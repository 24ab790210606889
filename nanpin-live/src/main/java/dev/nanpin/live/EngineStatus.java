package dev.nanpin.live;

import java.time.Instant;
import java.util.Locale;

/**
 * A snapshot of a running engine, written periodically to the status file as JSON.
 *
 * @param bot the bot's name
 * @param symbol the venue symbol
 * @param state {@code starting}, {@code running}, {@code stopping}, {@code stopped} or {@code failed}
 * @param time when the snapshot was taken (engine clock)
 * @param positionQuantity the signed position the engine holds in its ledger
 * @param venuePositionQuantity the position the venue reported at the last reconciliation
 * @param averageEntryPrice the average entry price, {@code 0} when flat
 * @param entryCount the entry fills since the position was last flat
 * @param price the latest price
 * @param equity the latest equity the venue reported
 * @param openOrders the orders of this bot not yet terminal, "sending" ones included
 * @param fills the fills applied so far
 * @param lastEventAgeMillis milliseconds since the last stream event, {@code -1} before the first
 * @param streamHealthy whether the streams are up (no error since the last event or reconnect)
 * @param reconnects the stream reconnects since start
 * @param unresolvedOrders orders whose placement outcome is unknown (sent, no venue answer or
 *     record yet; {@code -1} when the store could not be read); while it is above zero the engine
 *     places no new order on the symbol, and it never re-sends them
 * @param venueCircuit the venue connector's circuit breaker: {@code CLOSED}, {@code OPEN} (calls
 *     fail fast, no order is sent) or {@code HALF_OPEN} ({@link dev.nanpin.Exchange#circuitState()})
 * @param failure why the engine stopped when its {@code state} is {@code failed} (the error's
 *     type and message), else {@code null}
 */
public record EngineStatus(
    String bot,
    String symbol,
    String state,
    Instant time,
    double positionQuantity,
    double venuePositionQuantity,
    double averageEntryPrice,
    int entryCount,
    double price,
    double equity,
    int openOrders,
    long fills,
    long lastEventAgeMillis,
    boolean streamHealthy,
    int reconnects,
    int unresolvedOrders,
    String venueCircuit,
    String failure) {

  /**
   * A snapshot of an engine that has not failed ({@code failure} {@code null}).
   *
   * @param bot the bot's name
   * @param symbol the venue symbol
   * @param state the engine's state
   * @param time when the snapshot was taken
   * @param positionQuantity the signed position in the engine's ledger
   * @param venuePositionQuantity the venue's position at the last reconciliation
   * @param averageEntryPrice the average entry price
   * @param entryCount the entry fills since flat
   * @param price the latest price
   * @param equity the latest equity
   * @param openOrders the orders not yet terminal
   * @param fills the fills applied
   * @param lastEventAgeMillis milliseconds since the last stream event
   * @param streamHealthy whether the streams are up
   * @param reconnects the stream reconnects
   * @param unresolvedOrders orders of unknown outcome
   * @param venueCircuit the venue's circuit breaker state
   */
  public EngineStatus(String bot, String symbol, String state, Instant time, double positionQuantity,
      double venuePositionQuantity, double averageEntryPrice, int entryCount, double price, double equity,
      int openOrders, long fills, long lastEventAgeMillis, boolean streamHealthy, int reconnects,
      int unresolvedOrders, String venueCircuit) {
    this(bot, symbol, state, time, positionQuantity, venuePositionQuantity, averageEntryPrice, entryCount, price,
        equity, openOrders, fills, lastEventAgeMillis, streamHealthy, reconnects, unresolvedOrders, venueCircuit,
        null);
  }

  /** @return the snapshot as one line of JSON */
  public String toJson() {
    return String.format(Locale.ROOT,
        "{\"bot\":%s,\"symbol\":%s,\"state\":%s,\"time\":%s,\"positionQuantity\":%s,"
            + "\"venuePositionQuantity\":%s,\"averageEntryPrice\":%s,\"entryCount\":%d,\"price\":%s,"
            + "\"equity\":%s,\"openOrders\":%d,\"fills\":%d,\"lastEventAgeMillis\":%d,"
            + "\"streamHealthy\":%b,\"reconnects\":%d,\"unresolvedOrders\":%d,\"venueCircuit\":%s,"
            + "\"failure\":%s}",
        quote(bot), quote(symbol), quote(state), quote(time.toString()), num(positionQuantity),
        num(venuePositionQuantity), num(averageEntryPrice), entryCount, num(price), num(equity), openOrders,
        fills, lastEventAgeMillis, streamHealthy, reconnects, unresolvedOrders,
        quote(venueCircuit), failure == null ? "null" : quote(failure));
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
