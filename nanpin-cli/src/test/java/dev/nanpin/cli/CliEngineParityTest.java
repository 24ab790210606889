package dev.nanpin.cli;

import dev.nanpin.Bar;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Side;
import dev.nanpin.SignalFeed;
import dev.nanpin.live.Bot;
import dev.nanpin.live.EngineConfig;
import dev.nanpin.live.paper.PaperExchange;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.spi.Plugins;
import dev.nanpin.testkit.EngineParityKit;
import dev.nanpin.testkit.ScriptedVenue;
import dev.nanpin.testkit.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine kernel's parity kit on three engines: {@code nanpin backtest --round --risk} (the
 * reference), {@code nanpin run} of the {@code paper} exchange on a CSV replay under the live
 * engine, and the live engine built from Java ({@code Bot.builder()}) on a {@link ScriptedVenue}
 * that plays the same bars in process; all with the same rounding grid, fees (10 bps), risk block
 * and a 100-quote sizer. Cases: the {@code nanpin} strategy in step and Fibonacci mode (also on a capital
 * where the cash runs short), with a
 * cooldown and with a trailing exit, spot and perp at leverage 3; the example strategies {@code
 * ladder-basic} and {@code sma-cross} (nanpin-examples); a Wyckoff entry gate (nanpin-signals) and
 * the ML gate (nanpin-ml, trained in the run); on the first 3,000 bars of BTC 1h, on ETH 1d (gaps)
 * and on a GBM path.
 */
class CliEngineParityTest extends EngineParityKit {
  private static final BigDecimal TICK = new BigDecimal("0.01");
  private static final BigDecimal STEP = new BigDecimal("0.00001");
  private static final double FEE = 0.001;

  @TempDir Path dir;
  private int runs;

  @Override
  protected Map<String, Function<Scenario, Outcome>> engines() {
    Map<String, Function<Scenario, Outcome>> m = new LinkedHashMap<>();
    m.put("backtest", this::backtest);
    m.put("paper+live", this::paper);
    m.put("live+scripted venue", this::scripted);
    return m;
  }

  @Override
  protected List<Scenario> scenarios() {
    List<Scenario> out = new ArrayList<>();
    Path btc = firstBars(SharedData.require("data/btc-usdt-1h.csv"), 3000, "btc3000.csv");
    Path eth = SharedData.require("data/eth-usdt-1d.csv");
    Path gbm = gbm(2000, 42);
    // the acceptance case: the first 2,000 bars of BTC 1h with the default strategy (109 fills)
    out.add(new Scenario("nanpin step, spot, BTC 1h, 2,000 bars", firstBars(SharedData.require(
        "data/btc-usdt-1h.csv"), 2000, "btc2000.csv"), false, 1, "nanpin", Map.of(), TICK, STEP, 100));
    out.add(new Scenario("nanpin step, spot, BTC 1h", btc, false, 1, "nanpin", Map.of(), TICK, STEP, 50));
    out.add(new Scenario("nanpin fibonacci, spot, BTC 1h", btc, false, 1, "nanpin", Map.of("levelMode", "FIBONACCI"),
        TICK, STEP, 10));
    out.add(new Scenario("nanpin trailing exit, spot, BTC 1h", btc, false, 1, "nanpin",
        Map.of("trailingArm", "0.01", "trailingPullback", "0.005"), TICK, STEP, 20));
    out.add(new Scenario("nanpin step, perp 3x, BTC 1h", btc, true, 3, "nanpin", Map.of("leverage", "3"), TICK, STEP,
        50));
    out.add(new Scenario("nanpin fibonacci, perp 3x, BTC 1h", btc, true, 3, "nanpin",
        Map.of("leverage", "3", "levelMode", "FIBONACCI"), TICK, STEP, 10));
    out.add(new Scenario("nanpin step, spot, ETH 1d (gaps)", eth, false, 1, "nanpin", Map.of(), TICK, STEP, 50));
    out.add(new Scenario("nanpin step, spot, GBM path", gbm, false, 1, "nanpin", Map.of(), TICK, STEP, 20));
    // cash runs short: the ladder's deeper levels are refused at submit (-1 in every engine) and a
    // base market order the cash no longer covers at the next open is refused at its fill
    out.add(new Scenario("nanpin step, spot, ETH 1d, cash runs short (capital 400)", eth, false, 1, "nanpin", Map.of(),
        TICK, STEP, 50).withCapital(400));
    // a cooldown measured from a fill's time to a later bar's close: the same in every engine
    out.add(new Scenario("nanpin step, cooldown, spot, BTC 1h", btc, false, 1, "nanpin",
        Map.of("cooldown", "4h", "cooldownMin", "1h", "cooldownMax", "12h"), TICK, STEP, 50));
    out.add(new Scenario("nanpin step, cooldown and trailing exit, perp 3x, BTC 1h", btc, true, 3, "nanpin",
        Map.of("leverage", "3", "cooldown", "4h", "cooldownMin", "1h", "cooldownMax", "12h", "trailingArm", "0.01",
            "trailingPullback", "0.005"), TICK, STEP, 50));
    out.add(new Scenario("nanpin step, trailing exit, perp 3x, ETH 1d (gaps)", eth, true, 3, "nanpin",
        Map.of("leverage", "3", "trailingArm", "0.02", "trailingPullback", "0.01"), TICK, STEP, 20));
    // the example strategies: market orders, next-open fills, cash-fraction sizing (sma-cross)
    out.add(new Scenario("ladder-basic, spot, BTC 1h", btc, false, 1, "ladder-basic", Map.of(), TICK, STEP, 30));
    out.add(new Scenario("ladder-basic, spot, ETH 1d (gaps)", eth, false, 1, "ladder-basic", Map.of("start", "20"), TICK,
        STEP, 20));
    out.add(new Scenario("sma-cross, spot, BTC 1h", btc, false, 1, "sma-cross", Map.of(), TICK, STEP, 15));
    out.add(new Scenario("sma-cross, spot, GBM path", gbm, false, 1, "sma-cross", Map.of(), TICK, STEP, 10));
    // gates over computed signals: nanpin-signals' Wyckoff phases, nanpin-ml's ensemble (trained in the run,
    // deterministically for its seed, on a small window so that the case stays quick)
    out.add(new Scenario("nanpin step, Wyckoff entry gate, spot, BTC 1h", btc, false, 1, "nanpin",
        Map.of("entryGate", "not wyckoff.bias == distribution"), TICK, STEP, 30,
        Map.of("wyckoff", Map.of("everyBar", "true"))));
    out.add(new Scenario("nanpin step, ML gate, spot, BTC 1h, 1,500 bars", firstBars(SharedData.require(
        "data/btc-usdt-1h.csv"), 1500, "btc1500.csv"), false, 1, "nanpin",
        Map.of("entryGate", "ml.recommendation != STRONG_SELL"), TICK, STEP, 10,
        Map.of("ml", Map.of("horizon", "12", "trainWindow", "400", "minTrain", "200", "retrainEvery", "300",
            "trees", "20", "boostRounds", "20", "seed", "7"))));
    return out;
  }

  private Path firstBars(Path csv, int bars, String name) {
    try {
      List<String> lines = Files.readAllLines(csv);
      Path f = dir.resolve(name);
      Files.write(f, lines.subList(0, Math.min(lines.size(), bars + 1)));
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An hourly GBM path (20 % a year of hourly noise on 100), prices on the tick, each open the previous close. */
  private Path gbm(int bars, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder("timestamp,open,high,low,close,volume\n");
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    double prev = 30_000;
    double sigma = 0.2 / Math.sqrt(24 * 365);
    for (int i = 0; i < bars; i++) {
      double close = prev * Math.exp(sigma * 3 * r.nextGaussian());
      double high = Math.max(prev, close) * (1 + sigma * Math.abs(r.nextGaussian()));
      double low = Math.min(prev, close) * (1 - sigma * Math.abs(r.nextGaussian()));
      b.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%d%n", t.plus(Duration.ofHours(i)), prev, high, low,
          close, 100 + r.nextInt(900)));
      prev = Double.parseDouble(String.format(Locale.ROOT, "%.2f", close));
    }
    try {
      Path f = dir.resolve("gbm-" + seed + ".csv");
      Files.writeString(f, b);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path yaml(Scenario s, Path db) throws IOException {
    StringBuilder params = new StringBuilder();
    s.params().forEach((k, v) -> params.append("    ").append(k).append(": \"").append(v).append("\"\n"));
    Path y = dir.resolve("bot-" + (++runs) + ".yaml");
    Files.writeString(y, """
        name: parity
        exchange:
          id: paper
          symbol: BTC_USDC
          settings:
            csv: %s
            kind: %s
            leverage: %s
            tickSize: %s
            stepSize: %s
            minQuantity: %s
            cash: %s
            historyBars: 0
            makerFeeBps: 10
            takerFeeBps: 10
            slippageBps: 0
            fundingRate: 0
        strategy:
          id: %s
          params:
        %s
        sizers:
          - id: fixed-quote
            params:
              quote: 100
        risk:
          maxOrderNotional: 50000
          maxLeverage: 5
        store:
          path: %s
        engine:
          reconcileEvery: 100000h
        """.formatted(path(s.csv()), s.perp() ? "PERP" : "SPOT", s.leverage(), s.tick().toPlainString(),
        s.step().toPlainString(), s.step().toPlainString(), s.capital(), s.strategy(),
        params.isEmpty() ? "    {}\n" : params.toString(), path(db)).replace("  params:\n    {}", "  params: {}")
        + signalsYaml(s));
    return y;
  }

  /** The bot YAML's {@code signals:} section: the scenario's generators, in order. */
  private static String signalsYaml(Scenario s) {
    if (s.signals().isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("signals:\n");
    s.signals().forEach((id, settings) -> {
      b.append("  - id: ").append(id).append('\n');
      if (!settings.isEmpty()) {
        b.append("    params:\n");
        settings.forEach((k, v) -> b.append("      ").append(k).append(": \"").append(v).append("\"\n"));
      }
    });
    return b.toString();
  }

  private static String path(Path p) {
    return p.toAbsolutePath().toString().replace("\\", "/");
  }

  private Outcome backtest(Scenario s) {
    try {
      Path fills = dir.resolve("fills-" + (++runs) + ".csv");
      Path report = dir.resolve("report-" + runs + ".json");
      List<String> args = new ArrayList<>(List.of("backtest", "--data", s.csv().toString(), "--strategy", s.strategy(),
          "--round", "--tick-size", s.tick().toPlainString(), "--step-size", s.step().toPlainString(),
          "--min-quantity", s.step().toPlainString(), "--fee-bps", "10", "--slippage-bps", "0", "--capital",
          Double.toString(s.capital()), "--risk", yaml(s, dir.resolve("unused.db")).toString(), "--trades",
          fills.toString(), "--report", report.toString()));
      if (s.perp()) {
        args.addAll(List.of("--perp", "--leverage", Double.toString(s.leverage()), "--funding-rate", "0"));
      }
      s.params().forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
      s.signals().forEach((id, settings) -> {
        args.addAll(List.of("--signal", id));
        settings.forEach((k, v) -> args.addAll(List.of("--signal-set", id + "." + k + "=" + v)));
      });
      CliRunner r = CliRunner.run(args.toArray(String[]::new));
      if (r.code() != 0) {
        throw new AssertionError("backtest failed: " + r.err());
      }
      List<ParityFill> out = new ArrayList<>();
      double position = 0;
      List<String> lines = Files.readAllLines(fills);
      for (String line : lines.subList(1, lines.size())) {
        String[] p = line.split(","); // index,time,side,price,quantity,quote,fee
        Side side = Side.valueOf(p[2]);
        out.add(ParityFill.of(s, Instant.parse(p[1]), side, new BigDecimal(p[3]), new BigDecimal(p[4]),
            new BigDecimal(p[6])));
        position += side.sign() * Double.parseDouble(p[4]);
      }
      JsonNode json = new ObjectMapper().readTree(report.toFile());
      double cash;
      if (s.perp()) {
        cash = s.capital() + json.get("realisedPnl").asDouble() - json.get("feesPaid").asDouble()
            - json.get("fundingPaid").asDouble();
      } else {
        List<String> bars = Files.readAllLines(s.csv());
        String[] last = bars.get(bars.size() - 1).split(",");
        cash = json.get("finalEquity").asDouble() - position * Double.parseDouble(last[4]);
      }
      return new Outcome(out, position, cash);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The live engine built from Java ({@code Bot.builder()}) on a {@link ScriptedVenue} that plays
   * the CSV in process: fills and bars reach the engine through its streams, as from a venue.
   * The final position is the venue's, and the engine's own ledger must agree with it.
   */
  private Outcome scripted(Scenario s) {
    Plugins plugins = Plugins.load();
    List<Bar> bars = PaperExchange.readCsv(s.csv());
    Duration interval = Duration.between(bars.get(0).time(), bars.get(1).time());
    String symbol = "BTC_USDC";
    Instrument instrument = new Instrument(symbol, "BTC", "USDC", s.perp() ? InstrumentKind.PERP : InstrumentKind.SPOT,
        s.tick(), s.step(), s.step());
    ScriptedVenue venue = new ScriptedVenue(instrument, bars, interval, BigDecimal.valueOf(s.capital()), s.leverage(), FEE,
        FEE);
    Bot.Builder b = Bot.builder()
        .engine(EngineConfig.defaults("parity", symbol).withBars(interval, 0)
            .withReconcile(Duration.ofHours(100_000), EngineConfig.defaults("parity", symbol).signingWindow())
            .withFees(FEE, FEE))
        .exchange(venue)
        .strategy(plugins.strategy(s.strategy(), s.params()))
        .sizer(plugins.sizer("fixed-quote", Map.of("quote", "100")))
        .risk(new RiskLimits(new BigDecimal("50000"), null, new BigDecimal("5"), null, null))
        .store(dir.resolve("scripted-" + (++runs) + ".db"))
        .clock(venue.clock())
        .replay(venue::advance);
    s.signals().forEach((id, settings) -> b.signal(SignalFeed.computed(plugins, id, settings)));
    double[] ledger = {Double.NaN};
    try (Bot bot = b.build()) {
      bot.start();
      boolean finished = bot.runReplay(Duration.ZERO, () -> ledger[0] = bot.status().positionQuantity());
      if (!finished || !bot.awaitTermination(Duration.ofMinutes(1))) {
        throw new AssertionError("the scripted run did not finish: " + bot.failure());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    double position = venue.position().doubleValue();
    org.assertj.core.api.Assertions.assertThat(ledger[0]).as("the engine's ledger position against the venue's")
        .isCloseTo(position, org.assertj.core.api.Assertions.within(1e-9));
    List<ParityFill> out = new ArrayList<>();
    for (Fill f : venue.fills(symbol, Instant.EPOCH)) {
      out.add(ParityFill.of(s, f.time(), f.side(), f.price(), f.quantity(), f.fee()));
    }
    return new Outcome(out, position, venue.cash());
  }

  private Outcome paper(Scenario s) {
    try {
      Path db = dir.resolve("bot-" + (++runs) + ".db");
      CliRunner r = CliRunner.run("run", "--config", yaml(s, db).toString());
      if (r.code() != 0) {
        throw new AssertionError("run failed: " + r.err());
      }
      List<ParityFill> out = new ArrayList<>();
      double position = 0;
      double cash = Double.NaN;
      for (String line : Files.readAllLines(Path.of(db.toAbsolutePath() + ".paper"))) {
        String[] p = line.split("\t");
        switch (p[0]) {
          case "F" -> out.add(ParityFill.of(s, Instant.ofEpochMilli(Long.parseLong(p[9])), Side.valueOf(p[4]),
              new BigDecimal(p[5]), new BigDecimal(p[6]), new BigDecimal(p[7])));
          case "cash" -> cash = Double.parseDouble(p[1]);
          case "position" -> position = Double.parseDouble(p[1]);
          default -> { }
        }
      }
      return new Outcome(out, position, cash);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
