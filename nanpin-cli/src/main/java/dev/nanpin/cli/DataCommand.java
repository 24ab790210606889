package dev.nanpin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.Bar;
import dev.nanpin.BarCsv;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.LiquidationCluster;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.MacroRegime;
import dev.nanpin.Observation;
import dev.nanpin.Sentiment;
import dev.nanpin.data.DataCollector;
import dev.nanpin.data.FredSource;
import dev.nanpin.data.MacroRegimeRule;
import dev.nanpin.data.MarketSnapshot;
import dev.nanpin.data.PriceValidator;
import dev.nanpin.data.ValidatedPrice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nanpin data ...}: prices, history, FRED series, macro regime, sentiment and liquidations. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Market and macro data: validated prices, history, FRED series, macro regime, sentiment, liquidations.",
    subcommands = {DataCommand.PriceCmd.class, DataCommand.HistoryCmd.class, DataCommand.FredCmd.class,
        DataCommand.MacroCmd.class, DataCommand.SentimentCmd.class, DataLiquidationsCmd.class})
final class DataCommand implements Runnable {
  @ParentCommand
  NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Aliases from common names to CoinMarketCap symbols (resolved to ids by the source's cmcIds map). */
  static final Map<String, String> CMC_ALIASES = Map.of("bitcoin", "BTC", "ethereum", "ETH", "solana", "SOL");

  /** Options every data subcommand takes. Keys come from the environment (COINGECKO_API_KEY, ...). */
  static final class Common {
    @Option(names = "--base-url", paramLabel = "SOURCE=URL", description = "Base URL of a source (tests, proxies).")
    Map<String, String> baseUrls = new LinkedHashMap<>();

    @Option(names = "--set", paramLabel = "SOURCE.KEY=VALUE",
        description = "A source setting, e.g. coingecko.plan=pro or polymarket.markets=slug:Yes:bull.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "20s", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Total deadline of the command, every request and retry included; also each source's limit "
            + "in parallel calls (default ${DEFAULT-VALUE}).")
    Duration timeout;

    /**
     * Runs a subcommand: the source names of --base-url and --set checked first (an unknown name
     * would silently send the request to the real API), then the body within --timeout.
     */
    Integer run(NanpinCommand root, String what, java.util.concurrent.Callable<Integer> body) throws Exception {
      List<String> known = root.plugins().providers(dev.nanpin.spi.PluginFamily.DATA_SOURCE).stream()
          .map(dev.nanpin.spi.PluginProvider::id).sorted().toList();
      for (String name : baseUrls.keySet()) {
        checkSource(name, "--base-url " + name + "=...", known);
      }
      for (String key : settings.keySet()) {
        int dot = key.indexOf('.');
        if (dot <= 0) {
          throw new IllegalArgumentException("--set wants SOURCE.KEY=VALUE, got " + key);
        }
        checkSource(key.substring(0, dot), "--set " + key, known);
      }
      return Deadline.within(timeout, what, body);
    }

    private static void checkSource(String name, String option, List<String> known) {
      if (!known.contains(name)) {
        String near = dev.nanpin.spi.Plugins.nearest(name, known);
        throw new dev.nanpin.ConfigException(name, "%s: unknown source '%s'%s; known sources: %s".formatted(option, name,
            near == null ? "" : " (did you mean '" + near + "'?)", String.join(", ", known)));
      }
    }

    DataSource source(NanpinCommand root, String id) {
      Map<String, Object> s = new LinkedHashMap<>();
      if (baseUrls.containsKey(id)) {
        s.put("baseUrl", baseUrls.get(id));
      }
      settings.forEach((k, v) -> {
        int dot = k.indexOf('.');
        if (dot <= 0) {
          throw new IllegalArgumentException("--set wants SOURCE.KEY=VALUE, got " + k);
        }
        if (k.substring(0, dot).equals(id)) {
          s.put(k.substring(dot + 1), v);
        }
      });
      return root.plugins().dataSource(id, s);
    }
  }

  /** Parses {@code 500ms}, {@code 20s}, {@code 2m}. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = dev.nanpin.spi.ConfigSpec.parseDuration(value.trim());
      if (d == null || d.isNegative() || d.isZero()) {
        throw new picocli.CommandLine.TypeConversionException("expected a duration such as 500ms, 20s or 2m: " + value);
      }
      return d;
    }
  }

  static ObjectMapper mapper() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  static String staleNote(DataResult<?> r, Instant now) {
    return r.stale() ? " (STALE, %s old: %s)".formatted(r.age(now).withNanos(0), r.failure()) : "";
  }

  /** {@code nanpin data price ASSET}. */
  @Command(name = "price", mixinStandardHelpOptions = true,
      description = "Price of an asset checked across sources: median, outliers beyond --max-deviation rejected.")
  static final class PriceCmd implements Callable<Integer> {
    @ParentCommand DataCommand data;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "ASSET", description = "CoinGecko id, e.g. bitcoin.")
    String asset;

    @Option(names = "--sources", split = ",", defaultValue = "coingecko,coinmarketcap", description = "Sources to ask (default ${DEFAULT-VALUE}).")
    List<String> sources;

    @Option(names = "--vs", defaultValue = "usd", description = "Quote currency (default ${DEFAULT-VALUE}).")
    String vs;

    @Option(names = "--max-deviation", defaultValue = "0.01", description = "Largest accepted distance from the median (default ${DEFAULT-VALUE}).")
    double maxDeviation;

    @Override
    public Integer call() throws Exception {
      return common.run(data.root, "data price", this::body);
    }

    private Integer body() throws Exception {
      Map<DataSource, DataQuery.Price> prices = new LinkedHashMap<>();
      for (String id : sources) {
        String a = id.equals("coinmarketcap") ? CMC_ALIASES.getOrDefault(asset.toLowerCase(Locale.ROOT), asset) : asset;
        prices.put(common.source(data.root, id.trim()), new DataQuery.Price(a, vs));
      }
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, prices.size()));
      try {
        DataCollector collector = new DataCollector(pool, common.timeout, new PriceValidator(maxDeviation, sources),
            Clock.systemUTC());
        MarketSnapshot s = collector.collect(new DataCollector.Request(prices, null, null, null, null, List.of(), null, null));
        PrintWriter out = spec.commandLine().getOut();
        if (s.price().isEmpty()) {
          throw new dev.nanpin.DataException("price-validation", null, "no source gave a price: " + s.failures(), null);
        }
        ValidatedPrice v = s.price().get();
        if (common.json) {
          ObjectNode n = mapper().createObjectNode();
          n.put("asset", asset).put("vs", vs).put("price", v.price().toPlainString()).put("consensus", v.consensus())
              .put("asOf", v.asOf().toString());
          v.used().forEach(n.putArray("used")::add);
          ObjectNode rej = n.putObject("rejected");
          v.rejected().forEach(rej::put);
          out.println(mapper().writeValueAsString(n));
        } else {
          out.printf(Locale.ROOT, "%s in %s: %s%s%n", asset, vs.toUpperCase(Locale.ROOT), v.price().toPlainString(),
              v.consensus() ? "  (median of " + String.join(", ", v.used()) + ")" : "  (NO CONSENSUS: from " + v.used().get(0) + ")");
          out.printf(Locale.ROOT, "as of %s%n", v.asOf());
          v.rejected().forEach((id, why) -> out.printf(Locale.ROOT, "  rejected %-14s %s%n", id, why));
        }
        return 0;
      } finally {
        pool.shutdownNow();
        prices.keySet().forEach(DataSource::close);
      }
    }
  }

  /** {@code nanpin data history ASSET --days N}. */
  @Command(name = "history", mixinStandardHelpOptions = true, description = "Price history (CoinGecko market chart) as a table or CSV.")
  static final class HistoryCmd implements Callable<Integer> {
    @ParentCommand DataCommand data;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "ASSET", description = "CoinGecko id, e.g. bitcoin.")
    String asset;

    @Option(names = "--days", defaultValue = "90", description = "Days back from now (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--vs", defaultValue = "usd", description = "Quote currency (default ${DEFAULT-VALUE}).")
    String vs;

    @Option(names = "--source", defaultValue = "coingecko", description = "Source (default ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the bar CSV the backtester reads (timestamp,open,high,low,close,volume) to a new file.")
    Path out;

    @Override
    public Integer call() throws Exception {
      return common.run(data.root, "data history", this::body);
    }

    private Integer body() throws Exception {
      if (days < 1) {
        throw new IllegalArgumentException("--days must be >= 1: " + days);
      }
      if (out != null) {
        RunFolder.requireNew(out, "--out");
      }
      try (DataSource s = common.source(data.root, source)) {
        Instant to = Instant.now();
        DataResult<List<Bar>> r = s.fetch(new DataQuery.History(asset, vs, to.minus(Duration.ofDays(days)), to,
            days > 90 ? Duration.ofDays(1) : Duration.ofHours(1)));
        PrintWriter pw = spec.commandLine().getOut();
        if (out != null) {
          BarCsv.write(r.value(), out);
          pw.printf(Locale.ROOT, "wrote %d bars to %s%s%n", r.value().size(), out.toAbsolutePath(),
              staleNote(r, Instant.now()));
        } else if (common.json) {
          ArrayNode a = mapper().createArrayNode();
          for (Bar b : r.value()) {
            a.addObject().put("time", b.time().toString()).put("close", b.close().toPlainString());
          }
          pw.println(mapper().writeValueAsString(a));
        } else {
          pw.printf(Locale.ROOT, "%-22s %s%n", "time", "price");
          for (Bar b : r.value()) {
            pw.printf(Locale.ROOT, "%-22s %s%n", b.time(), b.close().toPlainString());
          }
          pw.printf(Locale.ROOT, "%d points from %s%s%n", r.value().size(), r.source(), staleNote(r, Instant.now()));
        }
        return 0;
      }
    }
  }

  /** {@code nanpin data fred SERIES}. */
  @Command(name = "fred", mixinStandardHelpOptions = true, description = "Observations of a FRED series (\".\" shown as missing).")
  static final class FredCmd implements Callable<Integer> {
    @ParentCommand DataCommand data;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "SERIES", description = "Series id, e.g. DGS10.")
    String series;

    @Option(names = "--from", paramLabel = "DATE", description = "First date, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last date, YYYY-MM-DD.")
    LocalDate to;

    @Override
    public Integer call() throws Exception {
      return common.run(data.root, "data fred", this::body);
    }

    private Integer body() throws Exception {
      try (DataSource s = common.source(data.root, FredSource.ID)) {
        DataResult<List<Observation>> r = s.fetch(new DataQuery.Series(series, from, to));
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
          ArrayNode a = mapper().createArrayNode();
          for (Observation o : r.value()) {
            ObjectNode n = a.addObject().put("date", o.date().toString());
            if (o.isMissing()) {
              n.putNull("value");
            } else {
              n.put("value", o.value().toPlainString());
            }
          }
          out.println(mapper().writeValueAsString(a));
        } else {
          out.printf(Locale.ROOT, "%-12s %s%n", "date", series);
          for (Observation o : r.value()) {
            out.printf(Locale.ROOT, "%-12s %s%n", o.date(), o.isMissing() ? "missing" : o.value().toPlainString());
          }
          out.printf(Locale.ROOT, "%d observations%s%n", r.value().size(), staleNote(r, Instant.now()));
        }
        return 0;
      }
    }
  }

  /** {@code nanpin data macro}. */
  @Command(name = "macro", mixinStandardHelpOptions = true,
      description = "Macro regime from the FRED series (FEDFUNDS, CPIAUCSL, UNRATE, DGS10, T10Y2Y, M2SL, DTWEXBGS).")
  static final class MacroCmd implements Callable<Integer> {
    @ParentCommand DataCommand data;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Option(names = "--vix", description = "Add VIXCLS to the vote.")
    boolean vix;

    @Override
    public Integer call() throws Exception {
      return common.run(data.root, "data macro", this::body);
    }

    private Integer body() throws Exception {
      try (DataSource s = common.source(data.root, FredSource.ID)) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        FredSource.Macro q = FredSource.Macro.defaults(today, vix);
        Map<String, List<Observation>> series = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        for (String id : q.seriesIds()) {
          DataResult<List<Observation>> r = s.fetch(new DataQuery.Series(id, q.from(), null));
          series.put(id, r.value());
          if (r.stale()) {
            stale.add(id + staleNote(r, Instant.now()));
          }
        }
        List<MacroRegimeRule.Vote> votes = q.rule().votes(series);
        MacroRegime regime = q.rule().evaluate(series);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
          ObjectNode n = mapper().createObjectNode();
          n.put("regime", regime.regime()).put("score", regime.score()).put("sizeMultiplier", regime.sizeMultiplier())
              .put("asOf", regime.asOf().toString());
          ArrayNode a = n.putArray("votes");
          for (MacroRegimeRule.Vote v : votes) {
            a.addObject().put("series", v.seriesId()).put("vote", v.vote()).put("measure", v.measure()).put("asOf", v.asOf().toString());
          }
          stale.forEach(n.putArray("stale")::add);
          out.println(mapper().writeValueAsString(n));
        } else {
          out.printf(Locale.ROOT, "%-10s %5s %12s  %s%n", "series", "vote", "measure", "latest");
          for (MacroRegimeRule.Vote v : votes) {
            out.printf(Locale.ROOT, "%-10s %+5d %12.3f  %s%n", v.seriesId(), v.vote(), v.measure(), v.asOf());
          }
          out.printf(Locale.ROOT, "regime %s, score %.3f, size multiplier %.3f, as of %s%n", regime.regime(), regime.score(),
              regime.sizeMultiplier(), regime.asOf());
          stale.forEach(x -> out.println("stale: " + x));
        }
        return 0;
      }
    }
  }

  /** {@code nanpin data sentiment}. */
  @Command(name = "sentiment", mixinStandardHelpOptions = true,
      description = "Fear & Greed, and the Polymarket markets set with --set polymarket.markets=..., blended.")
  static final class SentimentCmd implements Callable<Integer> {
    @ParentCommand DataCommand data;
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Override
    public Integer call() throws Exception {
      return common.run(data.root, "data sentiment", this::body);
    }

    private Integer body() throws Exception {
      List<DataSource> opened = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<DataCollector.SentimentInput> inputs = new ArrayList<>();
        DataSource fg = common.source(data.root, "feargreed");
        opened.add(fg);
        inputs.add(new DataCollector.SentimentInput(fg, new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 1), 1));
        if (common.settings.containsKey("polymarket.markets")) {
          DataSource pm = common.source(data.root, "polymarket");
          opened.add(pm);
          inputs.add(new DataCollector.SentimentInput(pm, new DataQuery.SentimentHistory("polymarket", 1), 1));
        }
        MarketSnapshot s = new DataCollector(pool, common.timeout, PriceValidator.DEFAULT, Clock.systemUTC())
            .collect(new DataCollector.Request(Map.of(), null, null, null, null, inputs, null, null));
        if (s.sentiment().isEmpty()) {
          throw new dev.nanpin.DataException("sentiment", null, "no sentiment source answered: " + s.failures(), null);
        }
        Sentiment c = s.sentiment().get();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
          ObjectNode n = mapper().createObjectNode().put("index", c.index()).put("value", c.value()).put("asOf", c.asOf().toString());
          ObjectNode f = n.putObject("failures");
          s.failures().forEach(f::put);
          out.println(mapper().writeValueAsString(n));
        } else {
          out.printf(Locale.ROOT, "sentiment %.1f / 100 (0 extreme fear, 100 extreme greed), as of %s%n", c.value(), c.asOf());
          s.failures().forEach((k, v) -> out.printf(Locale.ROOT, "  failed %-22s %s%n", k, v));
        }
        return 0;
      } finally {
        pool.shutdownNow();
        opened.forEach(DataSource::close);
      }
    }
  }
}
