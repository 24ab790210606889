package dev.nanpin.cli;

import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.risk.guard.PortfolioGuard;
import dev.nanpin.risk.guard.PortfolioLimits;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.PortfolioReportWriter;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.portfolio.PortfolioBacktester;
import dev.nanpin.sim.portfolio.PortfolioLeg;
import dev.nanpin.sim.portfolio.PortfolioResult;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.sim.run.SerializableSupplier;
import dev.nanpin.spi.Plugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The portfolio form of {@code nanpin backtest}: several {@code --data} files, one symbol each,
 * one strategy and one sizer per symbol on one shared capital, and the limits over all symbols.
 */
final class PortfolioOptions {
  @Option(names = "--max-active-ladders", paramLabel = "N", description = "Portfolio: the most symbols with a "
      + "position or resting entry orders at once.")
  Integer maxActiveLadders;

  @Option(names = "--max-total-capital", paramLabel = "QUOTE", description = "Portfolio: the most capital in use "
      + "over all symbols (position at cost plus resting entries).")
  BigDecimal maxTotalCapital;

  @Option(names = "--max-equity-share", paramLabel = "FRACTION", description = "Portfolio: the largest share of "
      + "equity one symbol's notional may reach (e.g. 0.5).")
  BigDecimal maxEquityShare;

  @Option(names = "--max-total-leverage", paramLabel = "X", description = "Portfolio: the largest notional over all "
      + "symbols divided by equity.")
  BigDecimal maxTotalLeverage;

  /** @return whether a portfolio limit was given */
  boolean any() {
    return maxActiveLadders != null || maxTotalCapital != null || maxEquityShare != null || maxTotalLeverage != null;
  }

  /**
   * The symbol of each file: the given names, or the file names without {@code .csv}.
   *
   * @throws IllegalArgumentException when the counts differ or a name repeats
   */
  static List<String> symbols(List<Path> files, List<String> given) {
    if (!given.isEmpty() && given.size() != files.size()) {
      throw new IllegalArgumentException("--symbol is given %d times for %d --data files: name every file or none"
          .formatted(given.size(), files.size()));
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < files.size(); i++) {
      String name = given.isEmpty() ? files.get(i).getFileName().toString().replaceFirst("(?i)\\.csv$", "") : given.get(i);
      if (!seen.add(name)) {
        throw new IllegalArgumentException("symbol " + name + " is used twice; name the files with --symbol");
      }
      out.add(name);
    }
    return out;
  }

  /** The instrument of one symbol: the grid of the command's instrument under the symbol's name. */
  static Instrument instrument(String symbol, SimulationConfig base, boolean perp) {
    Instrument shape = base.instrument();
    return new Instrument(symbol, symbol.split("[-_/]")[0], shape.quote(), perp ? InstrumentKind.PERP
        : InstrumentKind.SPOT, shape.tickSize(), shape.stepSize(), shape.minQuantity());
  }

  Integer run(Plugins plugins, String strategyId, SimulationOptions sim, List<Path> files, List<String> given,
      CommandSpec spec, Path outDir, Path reportFile, Path tradesFile, Path equityFile, Path htmlFile)
      throws IOException {
    List<String> names = symbols(files, given);
    PluginFactory<Strategy> strategies = sim.strategies(plugins, strategyId, Map.of());
    SerializableSupplier<Sizer> sizers = sim.sizers(plugins);
    SimulationConfig base = sim.config(plugins);
    List<PortfolioLeg> legs = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String symbol = names.get(i);
      legs.add(new PortfolioLeg(symbol, CsvBars.read(files.get(i)),
          base.toBuilder().instrument(instrument(symbol, base, sim.perp)).build()));
    }
    PortfolioGuard guard = null;
    if (any()) {
      guard = new PortfolioGuard(base.riskGuard() != null ? base.riskGuard() : RiskGuard.of(RiskLimits.none()),
          new PortfolioLimits(maxActiveLadders, maxTotalCapital, maxEquityShare, maxTotalLeverage));
    }
    RunFolder folder = RunFolder.create(outDir, "backtest", Clock.systemUTC());
    Path report = folder.claim(reportFile, "--report", "report.json");
    Path trades = folder.claim(tradesFile, "--trades", "fills.csv");
    Path equity = folder.claim(equityFile, "--equity", "equity.csv");
    Path html = folder.claim(htmlFile, "--html", "report.html");
    PortfolioBacktester bt = new PortfolioBacktester(base.capital(), guard, base.periodsPerYear(),
        base.minAnnualisedDays());
    PortfolioResult result = bt.run(legs, s -> strategies.get(), s -> sizers.get());

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Portfolio backtest of %s on %s%n", strategyId, String.join(", ", names));
    for (PortfolioLeg leg : legs) {
      BarData d = leg.data();
      out.printf(Locale.ROOT, "  %s: %d bars, %s .. %s, %d gaps%n", leg.symbol(), d.size(),
          Instant.ofEpochMilli(d.timeMillis(0)), Instant.ofEpochMilli(d.timeMillis(d.size() - 1)), d.gaps());
    }
    out.printf(Locale.ROOT, "fill %s, fee %s bps, slippage %s bps, capital %s shared%n%n",
        SimulationOptions.name(sim.fill), sim.feeBps, sim.slippageBps, sim.capital);
    out.print(PortfolioReportWriter.summary(result.report()));
    List<BacktestResult.Refusal> refusals = new ArrayList<>();
    names.forEach(symbol -> refusals.addAll(result.refusals(symbol)));
    BacktestCommand.printRefusals(refusals, out);
    Assumptions assumptions = bt.assumptions(legs);
    // The strategy, sizer, sentiment file and command entries of the single-symbol report: one definition.
    for (Map.Entry<String, Object> e : sim.assumptions(plugins, strategyId, Map.of(), spec).entries().entrySet()) {
      if (e.getKey().matches("(strategy|sizer|sentiment|command)(\\..*)?")) {
        assumptions = assumptions.with(e.getKey(), e.getValue());
      }
    }
    for (int i = 0; i < files.size(); i++) {
      assumptions = assumptions.with(names.get(i) + ".data", files.get(i).toString());
    }
    try (Writer w = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
      PortfolioReportWriter.writeJson(result.report(), assumptions, w);
    }
    try (Writer w = Files.newBufferedWriter(trades, StandardCharsets.UTF_8)) {
      PortfolioReportWriter.writeFillsCsv(result, w);
    }
    try (Writer w = Files.newBufferedWriter(equity, StandardCharsets.UTF_8)) {
      PortfolioReportWriter.writeEquityCsv(result, w);
    }
    PortfolioReportWriter.html(result, "Portfolio backtest: " + strategyId, sim.describe(strategyId, Map.of()) + "; "
        + String.join(", ", names) + ", " + result.report().timestamps() + " timestamps", assumptions).write(html);
    out.println();
    folder.printWritten(out);
    return 0;
  }
}
