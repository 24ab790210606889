package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Exchange;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Order;
import dev.nanpin.Side;
import dev.nanpin.live.LiveEngine;
import dev.nanpin.live.paper.PaperConfig;
import dev.nanpin.live.paper.PaperExchange;
import dev.nanpin.live.paper.PaperPortfolio;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A paper bot for the run tests: a synthetic hourly CSV whose swings fill and take profit on a
 * nanpin ladder many times, its bot.yaml, and the consistency check between the store, the paper
 * exchange's state file and the strategy's saved ladder. With several symbols, one CSV per symbol
 * (the swings shifted in phase), a {@code symbols:} YAML on one paper pool, and the check per ladder.
 */
final class PaperBot {
  static final String SYMBOL = "SOL_USDC";
  final Path dir;
  final Path csv;
  /** The symbols, {@link #SYMBOL} alone for a single-symbol bot. */
  final List<String> symbols;
  final Path yaml;
  final Path db;
  final Path paperState;
  final Path status;

  PaperBot(Path dir, int bars) throws IOException {
    this(dir, bars, List.of(SYMBOL));
  }

  PaperBot(Path dir, int bars, List<String> symbols) throws IOException {
    this.dir = dir;
    this.symbols = List.copyOf(symbols);
    this.csv = dir.resolve("bars.csv");
    this.yaml = dir.resolve("bot.yaml");
    this.db = dir.resolve("bot.db");
    this.paperState = dir.resolve("bot.db.paper");
    this.status = dir.resolve("bot.status.json");
    for (int k = 0; k < symbols.size(); k++) {
      writeCsv(csv(k), bars, 23 * k);
    }
    StringBuilder exchange = new StringBuilder();
    if (symbols.size() == 1) {
      exchange.append("  symbol: ").append(SYMBOL).append("\n  settings:\n    csv: ").append(path(csv))
          .append("\n    base: SOL\n    quote: USDC\n");
    } else {
      // one ladder per symbol on one paper pool, a CSV each; base and quote from the symbol's name
      exchange.append("  symbols:\n");
      for (int k = 0; k < symbols.size(); k++) {
        exchange.append("    - symbol: ").append(symbols.get(k)).append("\n      settings:\n        csv: ")
            .append(path(csv(k))).append('\n');
      }
      exchange.append("  settings:\n");
    }
    Files.writeString(yaml, """
        name: paper-crash
        exchange:
          id: paper
        %s    tickSize: 0.01
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
        %sstore:
          path: %s
        engine:
          reconcileEvery: 6h
          statusFile: %s
          statusEvery: 1s
        """.formatted(exchange, symbols.size() == 1 ? "" : "portfolio:\n  maxTotalCapitalInUse: 9000\n",
        db.getFileName(), status.getFileName()));
  }

  private static String path(Path p) {
    return p.toAbsolutePath().toString().replace("\\", "/");
  }

  /** The CSV of the {@code k}-th symbol. */
  Path csv(int k) {
    return k == 0 ? csv : dir.resolve("bars-" + symbols.get(k) + ".csv");
  }

  private static void writeCsv(Path file, int bars, int shift) throws IOException {
    StringBuilder b = new StringBuilder("timestamp,open,high,low,close,volume\n");
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    double prev = price(shift);
    for (int i = 0; i < bars; i++) {
      double close = price(i + 1 + shift);
      double high = Math.max(prev, close) * 1.004;
      double low = Math.min(prev, close) * 0.996;
      b.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%d%n", t.plus(Duration.ofHours(i)), prev, high, low,
          close, 1000 + i % 7 * 100));
      prev = close;
    }
    Files.writeString(file, b);
  }

  /** Swings of about 10 % over two and a half days, with a faster ripple. */
  static double price(int i) {
    return 100 * (1 + 0.08 * Math.sin(2 * Math.PI * i / 60.0) + 0.03 * Math.sin(2 * Math.PI * i / 17.0));
  }

  /** The bot's paper venue, read back from its state files. */
  Exchange paper() {
    if (symbols.size() == 1) {
      return single();
    }
    List<PaperPortfolio.Market> markets = new ArrayList<>();
    for (int k = 0; k < symbols.size(); k++) {
      String symbol = symbols.get(k);
      Instrument inst = new Instrument(symbol, symbol.split("_")[0], "USDC", InstrumentKind.SPOT,
          new BigDecimal("0.01"), new BigDecimal("0.001"), new BigDecimal("0.001"));
      // the paper provider's default fees (2 and 5 bps, 1 bp slippage), as the YAML leaves them
      markets.add(new PaperPortfolio.Market(new PaperConfig(inst, new BigDecimal("10000"), 0.0002, 0.0005, 0.0001, 1),
          PaperExchange.readCsv(csv(k)), Duration.ofHours(1), 60));
    }
    return PaperPortfolio.replay(new BigDecimal("10000"), markets, paperState);
  }

  private PaperExchange single() {
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
    Exchange venue = paper();
    int total = 0;
    try (StateStore store = StateStore.open(db, StoreOptions.defaults().asReadOnly())) {
      List<Fill> allStored = store.fillsSince(Instant.EPOCH);
      assertThat(allStored).extracting(Fill::fillId)
          .containsExactlyInAnyOrderElementsOf(venue.fills(null, Instant.EPOCH).stream().map(Fill::fillId).toList());
      assertThat(store.openOrders()).noneMatch(o -> o.state() == OrderState.SENDING);
      assertThat(store.auditLog(100_000)).noneMatch(a -> a.action().equals("CORRECT_POSITION"));
      for (String symbol : symbols) {
        total += assertConsistent(store, venue, symbol);
      }
    }
    return total;
  }

  /** The checks of one symbol's ladder; returns its fills. */
  private int assertConsistent(StateStore store, Exchange venue, String symbol) {
    // a single-symbol bot keeps its state under the plain owners, a multi-symbol bot's ladders per symbol
    String keyed = symbols.size() == 1 ? null : symbol;
    List<Fill> venueFills = venue.fills(symbol, Instant.EPOCH);
    List<Fill> stored = store.fillsSince(Instant.EPOCH).stream().filter(f -> f.symbol().equals(symbol)).toList();
    assertThat(stored).extracting(Fill::fillId)
        .containsExactlyInAnyOrderElementsOf(venueFills.stream().map(Fill::fillId).toList());
    for (Fill f : venueFills) {
      assertThat(store.order(f.clientId())).as("order of fill %s", f.fillId()).isPresent();
    }
    Set<Long> venueClientIds = new HashSet<>();
    int venueOrders = 0;
    for (long cid = 1; cid <= store.lastClientId(); cid++) {
      var o = venue.orderByClientId(symbol, cid);
      if (o.isPresent()) {
        venueOrders++;
        assertThat(venueClientIds.add(cid)).isTrue();
        StoredOrder so = store.order(cid).orElseThrow(() -> new AssertionError("venue order not in the store"));
        assertThat(so.symbol()).isEqualTo(symbol);
        assertThat(so.exchangeOrderId()).isEqualTo(o.get().orderId());
        assertThat(so.state()).isEqualTo(OrderState.of(o.get().status()));
        assertThat(so.filledQuantity()).isEqualByComparingTo(o.get().filledQuantity());
      }
    }
    // every order the venue holds open, and every order that filled there, is one the store sent
    for (var open : venue.openOrders(symbol)) {
      assertThat(store.order(open.clientId())).as("venue open order %s in the store", open.clientId()).isPresent();
    }
    assertThat(venueOrders).isGreaterThanOrEqualTo((int) venueFills.stream().map(Fill::orderId).distinct().count());
    // one resting order per ladder level at most: nothing placed twice
    assertThat(store.openOrders().stream().filter(o -> o.symbol().equals(symbol)).toList())
        .extracting(StoredOrder::tag).doesNotHaveDuplicates();
    BigDecimal fromFills = BigDecimal.ZERO;
    for (Fill f : stored) {
      fromFills = f.side() == Side.BUY ? fromFills.add(f.quantity()) : fromFills.subtract(f.quantity());
    }
    String base = symbol.split("_")[0];
    BigDecimal venuePosition = venue.balances().stream().filter(bal -> bal.asset().equals(base))
        .map(bal -> bal.total()).findFirst().orElse(BigDecimal.ZERO);
    assertThat(venuePosition).as("%s position", symbol).isEqualByComparingTo(fromFills);
    Map<String, String> ledger = store.loadState(StateKind.STRATEGY, LiveEngine.owner(LiveEngine.LEDGER_OWNER, keyed));
    assertThat(Double.parseDouble(ledger.getOrDefault("posQty", "0"))).isCloseTo(fromFills.doubleValue(),
        org.assertj.core.data.Offset.offset(1e-9));
    Map<String, String> ladder = store.loadState(StateKind.STRATEGY, LiveEngine.owner(LiveEngine.STRATEGY_OWNER, keyed));
    assertThat(ladder).as("%s ladder", symbol).isNotEmpty();
    // The ladder the strategy will resume with counts the entries the ledger holds.
    NanpinStrategy strategy = new NanpinStrategy(NanpinConfig.of(Map.of("levels", 4, "step", 0.02,
        "stepScale", 1.2, "volumeScale", 1.3, "takeProfit", 0.015)));
    strategy.restoreState(ladder);
    int entries = Integer.parseInt(ledger.getOrDefault("entryCount", "0"));
    assertThat(strategy.filledLevels()).as("%s ladder %s, ledger %s", symbol, ladder, ledger).isEqualTo(entries);
    assertThat(venueOrders).as("%s orders", symbol).isGreaterThan(0);
    return stored.size();
  }

}
