package dev.nanpin.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Liquidation;
import dev.nanpin.LiquidationCluster;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.Side;
import dev.nanpin.data.BinanceLiquidationStream;
import dev.nanpin.data.LiquidationAggregator;
import dev.nanpin.data.LiquidationBands;
import dev.nanpin.data.LiquidationCsv;
import dev.nanpin.exchange.backpack.BackpackConfig;
import dev.nanpin.exchange.backpack.BackpackExchange;
import dev.nanpin.exchange.backpack.MarketStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nanpin data liquidations SYMBOL}: CoinGlass' heatmap clusters, or with {@code --live}
 * the merged bands of Binance's and Backpack's liquidation streams (and CoinGlass' heatmap when
 * its key is set) over a time window, optionally recorded to the CSV a backtest replays.
 */
@Command(name = "liquidations", mixinStandardHelpOptions = true,
    description = {"Liquidation clusters near the price: CoinGlass' heatmap (Professional plan), or with --live the",
        "merged bands of the Binance and Backpack liquidation streams (live totals are lower bounds)."})
final class DataLiquidationsCmd implements Callable<Integer> {
  @ParentCommand DataCommand data;
  @Spec CommandSpec spec;
  @Mixin DataCommand.Common common;

  @Parameters(index = "0", paramLabel = "SYMBOL", description = "Coin, e.g. BTC.")
  String symbol;

  @Option(names = "--live", paramLabel = "DURATION", converter = DataCommand.DurationConverter.class,
      description = "Listen to the live streams this long (e.g. 60s), then print the merged bands.")
  Duration live;

  @Option(names = "--record", paramLabel = "FILE",
      description = "With --live: append every event to this CSV (timestamp,symbol,side,price,quantity,source).")
  Path record;

  @Option(names = "--sources", split = ",", defaultValue = "binance,backpack,coinglass", paramLabel = "ID,...",
      description = "With --live: sources to merge (default ${DEFAULT-VALUE}); coinglass needs COINGLASS_API_KEY.")
  List<String> sources;

  @Option(names = "--half-life", defaultValue = "4h", paramLabel = "DURATION", converter = DataCommand.DurationConverter.class,
      description = "Decay half-life of liquidation notional (default ${DEFAULT-VALUE}).")
  Duration halfLife;

  @Option(names = "--band", paramLabel = "SIZE",
      description = "Band width in quote units (default: about 0.5% of the price, rounded to 1, 2 or 5 x 10^n).")
  Double band;

  @Option(names = "--binance-url", defaultValue = BinanceLiquidationStream.DEFAULT_BASE_URL, paramLabel = "URL",
      description = "Binance USD-M market-stream base (default ${DEFAULT-VALUE}; moved to /market/ in 2026).")
  String binanceUrl;

  @Option(names = "--backpack-ws-url", defaultValue = BackpackConfig.DEFAULT_WS_URL, paramLabel = "URL",
      description = "Backpack WebSocket URL (default ${DEFAULT-VALUE}).")
  String backpackWsUrl;

  @Override
  public Integer call() throws Exception {
    return live == null ? heatmap() : live();
  }

  private Integer heatmap() throws Exception {
    try (DataSource s = common.source(data.root, "coinglass")) {
      DataResult<LiquidationClusters> r = s.fetch(new DataQuery.Liquidations(symbol));
      LiquidationClusters c = r.value();
      PrintWriter out = spec.commandLine().getOut();
      if (common.json) {
        ObjectNode n = DataCommand.mapper().createObjectNode().put("symbol", c.symbol())
            .put("referencePrice", c.referencePrice()).put("asOf", c.asOf().toString()).put("stale", r.stale());
        ArrayNode a = n.putArray("clusters");
        for (LiquidationCluster k : c.clusters()) {
          a.addObject().put("priceLow", k.priceLow()).put("priceHigh", k.priceHigh()).put("notionalUsd", k.notional())
              .put("positions", k.side() == Side.BUY ? "long" : "short");
        }
        out.println(DataCommand.mapper().writeValueAsString(n));
      } else {
        out.printf(Locale.ROOT, "%s at %.2f, as of %s%s%n", c.symbol(), c.referencePrice(), c.asOf(),
            DataCommand.staleNote(r, Instant.now()));
        out.printf(Locale.ROOT, "%12s %12s %16s  %s%n", "low", "high", "notional USD", "positions");
        for (LiquidationCluster k : c.clusters()) {
          out.printf(Locale.ROOT, "%12.2f %12.2f %16.0f  %s%n", k.priceLow(), k.priceHigh(), k.notional(),
              k.side() == Side.BUY ? "long" : "short");
        }
      }
      return 0;
    }
  }

  private Integer live() throws Exception {
    String asset = LiquidationAggregator.asset(symbol);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConcurrentLinkedQueue<Liquidation> seen = new ConcurrentLinkedQueue<>();
    Map<String, String> failures = new LinkedHashMap<>();
    ExchangeListener collect = new ExchangeListener() {
      @Override
      public void onLiquidation(Liquidation l) {
        if (LiquidationAggregator.asset(l.symbol()).equals(asset)) {
          seen.add(l);
          if (record != null) {
            synchronized (this) {
              LiquidationCsv.append(record, List.of(l)); // one event a write: a crash loses nothing recorded
            }
          }
        }
      }

      @Override
      public void onStreamError(Throwable e) {
        err.println("warning: " + e.getMessage());
        err.flush();
      }
    };
    LiquidationClusters heatmap = null;
    BinanceLiquidationStream binance = null;
    BackpackExchange backpack = null;
    try {
      if (sources.contains("binance")) {
        binance = new BinanceLiquidationStream(BinanceLiquidationStream.Settings.defaults(null).withBaseUrl(binanceUrl),
            collect);
        binance.start();
      }
      if (sources.contains("backpack")) {
        backpack = new BackpackExchange(BackpackConfig.builder().wsUrl(backpackWsUrl).build());
        backpack.streamMarketData(asset + "_USDC_PERP", EnumSet.of(MarketStream.LIQUIDATION), collect);
      }
      if (sources.contains("coinglass")) {
        try (DataSource s = common.source(data.root, "coinglass")) {
          heatmap = s.fetch(new DataQuery.Liquidations(asset)).value();
        } catch (RuntimeException e) {
          failures.put("coinglass", e.getMessage());
        }
      }
      new CountDownLatch(1).await(live.toMillis(), TimeUnit.MILLISECONDS); // listen for the window
    } finally {
      if (binance != null) {
        binance.close();
      }
      if (backpack != null) {
        backpack.close();
      }
    }
    List<Liquidation> events = new ArrayList<>(seen);
    double price = !events.isEmpty() ? events.get(events.size() - 1).price().doubleValue()
        : heatmap != null ? heatmap.referencePrice() : 0;
    if (!(price > 0)) {
      out.printf(Locale.ROOT, "no %s liquidation seen in %s%n", asset, live);
      failures.forEach((k, v) -> out.printf(Locale.ROOT, "  failed %-10s %s%n", k, v));
      return 0;
    }
    LiquidationAggregator agg = new LiquidationAggregator(asset,
        LiquidationAggregator.Settings.defaults(band != null ? band : LiquidationAggregator.bandSizeFor(price))
            .withHalfLife(halfLife));
    events.forEach(agg::add);
    if (heatmap != null) {
      agg.heatmap("coinglass", heatmap);
    }
    print(out, agg.bands(Instant.now(), price), events.size(), failures);
    return 0;
  }

  private void print(PrintWriter out, LiquidationBands b, int events, Map<String, String> failures) throws Exception {
    if (common.json) {
      ObjectNode n = DataCommand.mapper().createObjectNode().put("asset", b.asset()).put("referencePrice", b.referencePrice())
          .put("asOf", b.asOf().toString()).put("events", events).put("bandSize", b.bandSize())
          .put("halfLife", b.halfLife().toString()).put("lowerBound", b.lowerBound()).put("caveat", b.caveat());
      ArrayNode a = n.putArray("bands");
      for (LiquidationBands.Band x : b.bands()) {
        ObjectNode o = a.addObject().put("priceLow", x.priceLow()).put("priceHigh", x.priceHigh())
            .put("longNotional", x.longNotional()).put("shortNotional", x.shortNotional())
            .put("newest", x.newest().toString());
        x.sources().forEach(o.putObject("sources")::put);
      }
      failures.forEach(n.putObject("failures")::put);
      out.println(DataCommand.mapper().writeValueAsString(n));
      return;
    }
    out.printf(Locale.ROOT, "%s around %.2f, %d live events, as of %s%n", b.asset(), b.referencePrice(), events, b.asOf());
    out.printf(Locale.ROOT, "%12s %12s %14s %14s %10s  %s%n", "low", "high", "longs liq.", "shorts liq.", "age", "sources");
    for (LiquidationBands.Band x : b.bands()) {
      out.printf(Locale.ROOT, "%12.2f %12.2f %14.0f %14.0f %10s  %s%n", x.priceLow(), x.priceHigh(), x.longNotional(),
          x.shortNotional(), x.age(b.asOf()).withNanos(0).toString().substring(2).toLowerCase(Locale.ROOT), x.sources());
    }
    out.println("note: " + b.caveat());
    failures.forEach((k, v) -> out.printf(Locale.ROOT, "  failed %-10s %s%n", k, v));
  }
}
