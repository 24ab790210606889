package dev.nanpin.exchange.backpack;

import java.time.Duration;
import java.util.Map;

/**
 * Counters of the WebSocket connection.
 *
 * @param connected whether a connection is open now
 * @param messages data messages received since creation
 * @param reconnects reconnections since creation
 * @param dropped events dropped because a listener's queue was full
 * @param lastMessageAge per subscribed stream, the time since its last message (absent: none yet)
 */
public record StreamStats(boolean connected, long messages, long reconnects, long dropped,
    Map<String, Duration> lastMessageAge) {
  /** Copies the map. */
  public StreamStats {
    lastMessageAge = Map.copyOf(lastMessageAge);
  }
}
