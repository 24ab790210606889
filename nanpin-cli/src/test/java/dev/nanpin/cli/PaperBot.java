package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Order;
import dev.nanpin.Side;
import dev.nanpin.live.LiveEngine;
import dev.nanpin.live.paper.PaperConfig;
import dev.nanpin.live.paper.PaperExchange;
import dev.nanpin.store.OrderState;
import dev.nanpin.store.StateKind;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoreOptions;
import dev.nanpin.store.StoredOrder;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A paper bot for the run tests: a synthetic hourly CSV whose swings fill and take profit on a
 * nanpin ladder many times, its bot.yaml, and the consistency check between the store, the paper
 * exchange's state file and the strategy's saved ladder.
 */
final class PaperBot {
  static final String SYMBOL = "SOL_USDC";
  final Path dir;
  final Path csv;
  final Path yaml;
  final Path db;
  final Path paperState;
  final Path status;

  PaperBot(Path dir, int bars) throws IOException {
    this.dir = dir;
    this.csv = dir.resolve("bars.csv");
    this.yaml = dir.resolve("bot.yaml");
    this.db = dir.resolve("bot.db");
    this.paperState = dir.resolve("bot.db.paper");
    this.status = dir.resolve("bot.status.json");
    StringBuilder b = new StringBuilder("timestamp,open,high,low,close,volume\n");
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    double prev = price(0);
    for (int i = 0; i < bars; i++) {
      double close = price(i + 1);
      double high = Math.max(prev, close) * 1.004;
      double low = Math.min(prev, close) * 0.996;
      b.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%d%n", t.plus(Duration.ofHours(i)), prev, high, low,
          close, 1000 + i % 7 * 100));
      prev = close;
    }
    Files.writeString(csv, b);
    Files.writeString(yaml, """
        name: paper-crash
        exchange:
          id: paper
          symbol: %s
          settings:
            csv: %s
            base: SOL
            quote: USDC
            tickSize: 0.01
            stepSize: 0.001
            minQuantity: 0.001
            cash: 10000
            historyBars: 60
        strategy:
          id: nanpin
          params:
            levels: 4
            step: 0.02
            stepScale: 1.2
            volumeScale: 1.3
            takeProfit: 0.015
        sizers:
          - id: fixed-quote
            params:
              quote: 100
        risk:
          maxOrderNotional: 1000
        store:
          path: %s
        engine:
          reconcileEvery: 6h
          statusFile: %s
          statusEvery: 1s
        """.formatted(SYMBOL, csv.toAbsolutePath().toString().replace("\\", "/"), db.getFileName(),
        status.getFileName()));
  }

  /** Swings of about 10 % over two and a half days, with a faster ripple. */
  static double price(int i) {
    return 100 * (1 + 0.08 * Math.sin(2 * Math.PI * i / 60.0) + 0.03 * Math.sin(2 * Math.PI * i / 17.0));
  }

  PaperExchange paper() {
    Instrument sol = new Instrument(SYMBOL, "SOL", "USDC", InstrumentKind.SPOT, new BigDecimal("0.01"),
        new BigDecimal("0.001"), new BigDecimal("0.001"));
    PaperConfig cfg = new PaperConfig(sol, new BigDecimal("10000"), 0.0002, 0.0005, 0.0001, 1);
    return PaperExchange.replay(cfg, PaperExchange.readCsv(csv), Duration.ofHours(1), 60, paperState);
  }

  /**
   * The store, the paper exchange and the strategy's ladder agree: every venue fill is stored
   * once, every venue order is a stored order with the same client id, the ledger position is
   * the venue's and the sum of the stored fills, no position ever needed correcting, and no
   * order is left "sending".
   *
   * @return the number of fills
   */
  int assertConsistent() {
    PaperExchange venue = paper();
    try (StateStore store = StateStore.open(db, StoreOptions.defaults().asReadOnly())) {
      List<Fill> venueFills = venue.fills(null, Instant.EPOCH);
      List<Fill> stored = store.fillsSince(Instant.EPOCH);
      assertThat(stored).extracting(Fill::fillId)
          .containsExactlyInAnyOrderElementsOf(venueFills.stream().map(Fill::fillId).toList());
      Set<Long> venueClientIds = new HashSet<>();
      for (Fill f : venueFills) {
        assertThat(store.order(f.clientId())).as("order of fill %s", f.fillId()).isPresent();
      }
      int venueOrders = 0;
      for (long cid = 1; cid <= store.lastClientId(); cid++) {
        var o = venue.orderByClientId(SYMBOL, cid);
        if (o.isPresent()) {
          venueOrders++;
          assertThat(venueClientIds.add(cid)).isTrue();
          StoredOrder so = store.order(cid).orElseThrow(() -> new AssertionError("venue order not in the store"));
          assertThat(so.exchangeOrderId()).isEqualTo(o.get().orderId());
          assertThat(so.state()).isEqualTo(OrderState.of(o.get().status()));
          assertThat(so.filledQuantity()).isEqualByComparingTo(o.get().filledQuantity());
        }
      }
      // every order the venue holds open, and every order that filled there, is one the store sent
      for (var open : venue.openOrders(null)) {
        assertThat(store.order(open.clientId())).as("venue open order %s in the store", open.clientId()).isPresent();
      }
      assertThat(venueOrders).isGreaterThanOrEqualTo((int) venueFills.stream().map(Fill::orderId).distinct().count());
      assertThat(store.openOrders()).noneMatch(o -> o.state() == OrderState.SENDING);
      // one resting order per ladder level at most: nothing placed twice
      assertThat(store.openOrders()).extracting(StoredOrder::tag).doesNotHaveDuplicates();
      BigDecimal fromFills = BigDecimal.ZERO;
      for (Fill f : stored) {
        fromFills = f.side() == Side.BUY ? fromFills.add(f.quantity()) : fromFills.subtract(f.quantity());
      }
      BigDecimal venuePosition = venue.balances().stream().filter(bal -> bal.asset().equals("SOL"))
          .map(bal -> bal.total()).findFirst().orElse(BigDecimal.ZERO);
      assertThat(venuePosition).isEqualByComparingTo(fromFills);
      Map<String, String> ledger = store.loadState(StateKind.STRATEGY, LiveEngine.LEDGER_OWNER);
      assertThat(Double.parseDouble(ledger.getOrDefault("posQty", "0"))).isCloseTo(fromFills.doubleValue(),
          org.assertj.core.data.Offset.offset(1e-9));
      assertThat(store.auditLog(100_000)).noneMatch(a -> a.action().equals("CORRECT_POSITION"));
      Map<String, String> ladder = store.loadState(StateKind.STRATEGY, LiveEngine.STRATEGY_OWNER);
      assertThat(ladder).isNotEmpty();
      // The ladder the strategy will resume with counts the entries the ledger holds.
      NanpinStrategy strategy = new NanpinStrategy(NanpinConfig.of(Map.of("levels", 4, "step", 0.02,
          "stepScale", 1.2, "volumeScale", 1.3, "takeProfit", 0.015)));
      strategy.restoreState(ladder);
      int entries = Integer.parseInt(ledger.getOrDefault("entryCount", "0"));
      assertThat(strategy.filledLevels()).as("ladder %s, ledger %s", ladder, ledger).isEqualTo(entries);
      assertThat(venueOrders).isGreaterThan(0);
      return stored.size();
    }
  }

}
