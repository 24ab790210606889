package dev.nanpin.exchange.backpack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nanpin.OrderBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A local order book kept in sync from the {@code depth.<symbol>} stream and a REST snapshot, by
 * update ids, as the venue documents: deltas carry absolute quantities ({@code 0} removes a
 * level) and the ids {@code U} (first) and {@code u} (last); after a snapshot with {@code
 * lastUpdateId}, deltas with {@code u <= lastUpdateId} are dropped, the first one applied must
 * span {@code lastUpdateId + 1}, and every later one must start at the previous {@code u + 1}.
 * Deltas that arrive before the snapshot are buffered (the venue's snapshot lags the stream).
 * Any gap makes the book unsynced until the next snapshot.
 *
 * <p>Not thread-safe: one subscription's dispatch thread owns it.
 */
public final class DepthBook {
  /** What {@link #onDelta} did. */
  public enum Result {
    /** Applied; the book is current. */
    APPLIED,
    /** Older than the book; ignored. */
    STALE,
    /** Buffered: no snapshot yet. */
    BUFFERED,
    /** A gap in the ids: a new snapshot is needed. */
    GAP
  }

  private record Delta(long first, long last, JsonNode bids, JsonNode asks, Instant time) {}

  private final String symbol;
  private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
  private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
  private final Deque<Delta> buffer = new ArrayDeque<>();
  private final int maxBuffer;
  private long lastUpdateId = -1;
  private boolean synced;
  private Instant time = Instant.EPOCH;

  /**
   * @param symbol the market
   * @param maxBuffer the most deltas kept while waiting for a snapshot (oldest dropped)
   */
  public DepthBook(String symbol, int maxBuffer) {
    this.symbol = symbol;
    this.maxBuffer = maxBuffer;
  }

  /** @return whether the book is in sync with the stream */
  public boolean synced() {
    return synced;
  }

  /** @return the number of deltas waiting for a snapshot */
  public int buffered() {
    return buffer.size();
  }

  /** @return the update id of the book's state */
  public long lastUpdateId() {
    return lastUpdateId;
  }

  /**
   * Takes a stream delta.
   *
   * @param d the {@code depth} payload ({@code U}, {@code u}, {@code b}, {@code a}, {@code E})
   * @return what happened
   */
  public Result onDelta(JsonNode d) {
    Delta delta = new Delta(J.lng(d, "U"), J.lng(d, "u"), d.path("b"), d.path("a"), Adapters.eventTime(d));
    if (!synced) {
      buffer.addLast(delta);
      while (buffer.size() > maxBuffer) {
        buffer.removeFirst();
      }
      return Result.BUFFERED;
    }
    Result r = apply(delta);
    if (r == Result.GAP) {
      buffer.addLast(delta); // it may connect to the next snapshot
    }
    return r;
  }

  /** Forgets the sync (after a reconnect): deltas are buffered until the next snapshot. */
  public void reset() {
    synced = false;
    buffer.clear();
  }

  private Result apply(Delta delta) {
    if (delta.last() <= lastUpdateId) {
      return Result.STALE;
    }
    if (delta.first() > lastUpdateId + 1) {
      // absolute quantities make an overlap harmless; a hole is not
      synced = false;
      return Result.GAP;
    }
    levels(bids, delta.bids());
    levels(asks, delta.asks());
    lastUpdateId = delta.last();
    time = delta.time();
    return Result.APPLIED;
  }

  /**
   * Replaces the book with a REST snapshot and replays the buffered deltas that follow it.
   *
   * @param snapshot the {@code /api/v1/depth} body
   * @return {@code true} if the book is now synced; {@code false} if the snapshot does not
   *     connect to the buffered deltas (too old: fetch another after more deltas)
   */
  public boolean onSnapshot(JsonNode snapshot) {
    bids.clear();
    asks.clear();
    levels(bids, snapshot.path("bids"));
    levels(asks, snapshot.path("asks"));
    lastUpdateId = J.lng(snapshot, "lastUpdateId");
    time = J.has(snapshot, "timestamp") ? J.time(snapshot, "timestamp") : time;
    synced = true;
    boolean first = true;
    while (!buffer.isEmpty()) {
      Delta d = buffer.removeFirst();
      if (d.last() <= lastUpdateId) {
        continue;
      }
      if (first && d.first() > lastUpdateId + 1) {
        // the snapshot is older than the oldest delta kept: it cannot be connected
        synced = false;
        buffer.addFirst(d);
        return false;
      }
      first = false;
      if (apply(d) == Result.GAP) {
        buffer.clear();
        return false;
      }
    }
    return true;
  }

  /**
   * @param levels the most levels per side
   * @return the current book, best first
   */
  public OrderBook snapshot(int levels) {
    return new OrderBook(symbol, top(bids, levels), top(asks, levels), lastUpdateId, time);
  }

  private static List<OrderBook.Level> top(TreeMap<BigDecimal, BigDecimal> side, int n) {
    List<OrderBook.Level> out = new ArrayList<>(Math.min(n, side.size()));
    for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
      if (out.size() >= n) {
        break;
      }
      out.add(new OrderBook.Level(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static void levels(TreeMap<BigDecimal, BigDecimal> side, JsonNode updates) {
    for (JsonNode level : updates) {
      if (!level.isArray() || level.size() < 2) {
        throw J.malformed("depth level is not [price, quantity]: " + J.abbreviate(level));
      }
      BigDecimal price = J.decimal(level.get(0), "price");
      BigDecimal qty = J.decimal(level.get(1), "quantity");
      if (qty.signum() == 0) {
        side.remove(price);
      } else {
        side.put(price, qty);
      }
    }
  }
}
