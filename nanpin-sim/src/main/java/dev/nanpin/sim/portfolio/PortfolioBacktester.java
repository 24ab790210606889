package dev.nanpin.sim.portfolio;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.metrics.Metrics;
import dev.nanpin.risk.guard.PortfolioGuard;
import dev.nanpin.sim.Assumptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Backtests several symbols on one shared pool of capital: one strategy instance per symbol,
 * each with its own sizer, orders and position, all drawing on the same cash (spot) or
 * cross-margin collateral (perps) of the kernel's {@link dev.nanpin.engine.PortfolioBook}.
 *
 * <pre>{@code
 * PortfolioBacktester bt = new PortfolioBacktester(10_000, null);
 * PortfolioResult r = bt.run(List.of(
 *         new PortfolioLeg("BTC_USDT", CsvBars.read(btc), config),
 *         new PortfolioLeg("ETH_USDT", CsvBars.read(eth), config)),
 *     symbol -> new NanpinStrategy(params), symbol -> Sizer.fixedQuote(100));
 * System.out.print(PortfolioReportWriter.summary(r.report()));
 * }</pre>
 *
 * <h2>Alignment</h2>
 * The symbols' bars are merged on one timeline of every timestamp at which some symbol has a
 * bar. At each timestamp every symbol that has a bar there runs it, in the order of the legs,
 * by the single-symbol simulator's order of events (funding, next-open market orders, the
 * intrabar sweep of resting orders and the liquidation price, the signals known by the close,
 * {@code onBar}, close-time market orders) and with the kernel's rules ({@code OrderSizing},
 * {@code FillRules}, {@code Rounding}): each symbol runs the single-symbol simulator's own
 * engine, so its order handling is the single-symbol backtest's, with the pool's cash or margin.
 * A symbol without a bar at a timestamp does nothing there: no fill, no funding, no {@code onBar};
 * its resting orders wait for its next bar. It is valued at its last price, which is never a
 * fill price. Missing bars are counted per symbol in the report.
 *
 * <h2>Signals</h2>
 * Each symbol's {@link dev.nanpin.sim.SimulationConfig#signals() recorded signals} and {@link
 * dev.nanpin.sim.SimulationConfig#signalFeeds() computed feeds} reach that symbol's strategy by the
 * single-symbol rule ({@link dev.nanpin.sim.SimulationConfig#newBarCloseSignals()}): at the close of
 * the first of its own bars that closes at or after the signal's time, before that bar's {@code
 * onBar}, never earlier; a computed feed's generator sees that symbol's bars up to the one closing.
 * A symbol without a bar at a timestamp hears no signal there: its signals wait for its next bar's
 * close. A portfolio of one symbol gives the single-symbol backtester's fills, with feeds too.
 *
 * <h2>Risk</h2>
 * With a {@link PortfolioGuard}, every order that adds risk is checked against the per-symbol
 * limits and the limits over all symbols; without one, each symbol's own {@link
 * dev.nanpin.sim.SimulationConfig#riskGuard()} applies, with the portfolio's equity. Cross-margin
 * liquidation closes the perp whose price reaches its liquidation price (the other symbols' marks
 * held) at that price.
 *
 * <p>Not thread-safe: one backtester per thread (each {@link #run} builds its own state). The
 * results are immutable.
 */
public final class PortfolioBacktester {
  private final double capital;
  private final PortfolioGuard guard;
  private final double periodsPerYear;
  private final double minAnnualisedDays;

  /**
   * A backtester with daily periods (365 a year) and {@link Metrics#MIN_ANNUALISED_DAYS}.
   *
   * @param capital the shared capital, {@code > 0}
   * @param guard the portfolio guard, or {@code null} for each symbol's own guard
   */
  public PortfolioBacktester(double capital, PortfolioGuard guard) {
    this(capital, guard, Metrics.DAYS_PER_YEAR, Metrics.MIN_ANNUALISED_DAYS);
  }

  /**
   * A backtester.
   *
   * @param capital the shared capital, {@code > 0}
   * @param guard the portfolio guard, or {@code null} for each symbol's own guard
   * @param periodsPerYear the daily-equity periods per year for the annualised figures, {@code > 0}
   * @param minAnnualisedDays the shortest span whose figures are annualised, {@code >= 0}
   */
  public PortfolioBacktester(double capital, PortfolioGuard guard, double periodsPerYear, double minAnnualisedDays) {
    if (!(capital > 0) || Double.isInfinite(capital)) {
      throw new IllegalArgumentException("capital must be > 0 and finite: " + capital);
    }
    if (!(periodsPerYear > 0) || !(minAnnualisedDays >= 0)) {
      throw new IllegalArgumentException("periodsPerYear must be > 0 and minAnnualisedDays >= 0: "
          + periodsPerYear + ", " + minAnnualisedDays);
    }
    this.capital = capital;
    this.guard = guard;
    this.periodsPerYear = periodsPerYear;
    this.minAnnualisedDays = minAnnualisedDays;
  }

  /** @return the shared capital */
  public double capital() {
    return capital;
  }

  /** @return the portfolio guard, or {@code null} */
  public PortfolioGuard guard() {
    return guard;
  }

  /**
   * Runs each symbol's default sizer: {@link Sizer#fixedQuote} of its config's default quote.
   *
   * @param legs the symbols, at least one, each name once
   * @param strategies a fresh strategy for a symbol's name (called once per symbol)
   * @return the result
   */
  public PortfolioResult run(List<PortfolioLeg> legs, Function<String, Strategy> strategies) {
    return run(legs, strategies, symbol -> Sizer.fixedQuote(legs.stream()
        .filter(l -> l.symbol().equals(symbol)).findFirst().orElseThrow().config().defaultSizerQuote()));
  }

  /**
   * Runs the portfolio.
   *
   * @param legs the symbols, at least one, each name once
   * @param strategies a fresh strategy for a symbol's name (called once per symbol)
   * @param sizers a fresh sizer for a symbol's name (called once per symbol)
   * @return the result
   * @throws dev.nanpin.ConfigException if a symbol is listed twice or has no bars, or a perp's
   *     leverage exceeds its strategy's ceiling
   */
  public PortfolioResult run(List<PortfolioLeg> legs, Function<String, Strategy> strategies,
      Function<String, Sizer> sizers) {
    Objects.requireNonNull(legs, "legs");
    Objects.requireNonNull(strategies, "strategies");
    Objects.requireNonNull(sizers, "sizers");
    if (legs.isEmpty()) {
      throw new IllegalArgumentException("a portfolio needs at least one leg");
    }
    PortfolioRun run = new PortfolioRun(legs, capital, guard);
    run.run(strategies, sizers);
    return new PortfolioResult(run, PortfolioReport.compute(run, capital, periodsPerYear, minAnnualisedDays));
  }

  /**
   * What a run of these legs assumes, complete enough to repeat it: the shared capital, the
   * alignment rule, the portfolio limits, and each symbol's settings ({@link Assumptions#of},
   * without its unused capital, with the names of its signal feeds) under the prefix {@code
   * "<symbol>."}.
   *
   * @param legs the legs
   * @return the assumptions
   */
  public Assumptions assumptions(List<PortfolioLeg> legs) {
    Assumptions a = Assumptions.none()
        .with("capital", capital)
        .with("symbols", String.join(",", legs.stream().map(PortfolioLeg::symbol).toList()))
        .with("alignment", "merged timestamps; a symbol without a bar at a timestamp neither trades nor hears "
            + "onBar there and is valued at its last price")
        .with("periodsPerYear", periodsPerYear)
        .with("minAnnualisedDays", minAnnualisedDays);
    if (guard != null) {
      a = a.with("portfolioLimits", guard.limits().toString()).with("symbolLimits", guard.perSymbol().limits().toString());
    }
    for (PortfolioLeg leg : legs) {
      Map<String, Object> m = new LinkedHashMap<>(Assumptions.of(leg.config()).entries());
      m.remove("capital");
      a = a.withAll(leg.symbol() + ".", m).with(leg.symbol() + ".dataFingerprint", leg.data().fingerprint());
      if (!leg.config().signalFeeds().isEmpty()) {
        a = a.with(leg.symbol() + ".signalFeeds", String.join(",",
            leg.config().signalFeeds().stream().map(dev.nanpin.SignalFeed::name).toList()));
      }
    }
    return a;
  }
}
