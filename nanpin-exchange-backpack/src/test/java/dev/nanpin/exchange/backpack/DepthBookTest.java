package dev.nanpin.exchange.backpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.OrderBook;
import dev.nanpin.exchange.backpack.internal.DepthBook;
import org.junit.jupiter.api.Test;

class DepthBookTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode delta(long first, long last, String bids, String asks) throws Exception {
    return MAPPER.readTree("{\"e\":\"depth\",\"E\":\"1759338824897386\",\"s\":\"BTC_USDC_PERP\",\"U\":" + first
        + ",\"u\":" + last + ",\"b\":" + bids + ",\"a\":" + asks + "}");
  }

  private static JsonNode snapshot(long id) throws Exception {
    return MAPPER.readTree("{\"asks\":[[\"101\",\"1\"],[\"102\",\"2\"]],\"bids\":[[\"99\",\"1\"],[\"98\",\"3\"]],"
        + "\"lastUpdateId\":\"" + id + "\",\"timestamp\":1753102447307501}");
  }

  @Test
  void buffersDeltasUntilTheSnapshotThenReplaysThoseAfterIt() throws Exception {
    DepthBook book = new DepthBook("BTC_USDC_PERP", 100);
    assertThat(book.onDelta(delta(9, 10, "[[\"99\",\"5\"]]", "[]"))).isEqualTo(DepthBook.Result.BUFFERED);
    assertThat(book.onDelta(delta(11, 12, "[]", "[[\"101\",\"0.000\"]]"))).isEqualTo(DepthBook.Result.BUFFERED);
    assertThat(book.onDelta(delta(13, 13, "[[\"100\",\"1\"]]", "[]"))).isEqualTo(DepthBook.Result.BUFFERED);
    assertThat(book.onSnapshot(snapshot(11))).isTrue(); // delta 9-10 is older, 11-12 overlaps, 13 follows
    OrderBook b = book.snapshot(5);
    assertThat(b.lastUpdateId()).isEqualTo(13);
    assertThat(b.bids()).extracting(l -> l.price().toPlainString()).containsExactly("100", "99", "98");
    assertThat(b.bids().get(1).quantity()).isEqualByComparingTo("1"); // the stale delta was not applied
    assertThat(b.asks()).extracting(l -> l.price().toPlainString()).containsExactly("102"); // 101 removed
    assertThat(book.onDelta(delta(14, 15, "[[\"98\",\"0\"]]", "[]"))).isEqualTo(DepthBook.Result.APPLIED);
    assertThat(book.snapshot(5).bids()).hasSize(2);
    assertThat(book.onDelta(delta(12, 13, "[]", "[]"))).isEqualTo(DepthBook.Result.STALE);
  }

  @Test
  void aGapUnsyncsTheBookAndASnapshotOlderThanTheBufferIsRefused() throws Exception {
    DepthBook book = new DepthBook("BTC_USDC_PERP", 100);
    book.onDelta(delta(5, 5, "[]", "[]"));
    assertThat(book.onSnapshot(snapshot(5))).isTrue();
    assertThat(book.onDelta(delta(8, 9, "[]", "[]"))).isEqualTo(DepthBook.Result.GAP);
    assertThat(book.synced()).isFalse();
    assertThat(book.onSnapshot(snapshot(6))).isFalse(); // 7 is missing between the snapshot and the buffer
    assertThat(book.onSnapshot(snapshot(7))).isTrue();
    assertThat(book.lastUpdateId()).isEqualTo(9);
  }
}
