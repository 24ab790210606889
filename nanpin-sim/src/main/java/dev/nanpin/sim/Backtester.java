package dev.nanpin.sim;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import java.util.Objects;

/**
 * Runs a {@link Strategy} over bars through the simulated broker and account.
 *
 * <pre>{@code
 * Backtester bt = new Backtester(SimulationConfig.builder().feeBps(10).fillTiming(FillTiming.SIGNAL_CLOSE).build());
 * BacktestResult result = bt.run(CsvBars.read(Path.of("btc-usdt-1h.csv")), new MyStrategy());
 * System.out.println(ReportWriter.summary(result.report()));
 * }</pre>
 *
 * <p>The engine, not the strategy, owns the account: the strategy reads it through its context
 * and emits intents; {@link dev.nanpin.Sizing#SIZER} intents are sized by the {@link Sizer}
 * given to the run (by default {@link Sizer#fixedQuote} of {@link
 * SimulationConfig#defaultSizerQuote()}), which is told of every fill and closed round trip.
 * See {@code Engine}'s notes in the source for the order of events within a bar.
 *
 * <p>A backtester keeps its ledger buffers between runs so that repeated runs (sweeps, Monte
 * Carlo, benchmarks) allocate nothing per bar. It is not thread-safe: use one per thread. The
 * results it returns are immutable copies and may be shared.
 */
public final class Backtester {
  private final SimulationConfig config;
  private final Engine engine = new Engine();

  /**
   * Creates a backtester.
   *
   * @param config the simulation settings
   */
  public Backtester(SimulationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** @return the simulation settings */
  public SimulationConfig config() {
    return config;
  }

  /**
   * Runs a strategy with the default sizer.
   *
   * @param data the bars
   * @param strategy a fresh strategy object (strategies are stateful)
   * @return the ledger and figures
   * @throws dev.nanpin.ConfigException if the configured leverage exceeds the strategy's ceiling
   */
  public BacktestResult run(BarData data, Strategy strategy) {
    return run(data, strategy, Sizer.fixedQuote(config.defaultSizerQuote()));
  }

  /**
   * Runs a strategy with a sizer.
   *
   * @param data the bars
   * @param strategy a fresh strategy object
   * @param sizer a fresh sizer for {@link dev.nanpin.Sizing#SIZER} intents
   * @return the ledger and figures
   * @throws dev.nanpin.ConfigException if the configured leverage exceeds the strategy's ceiling
   */
  public BacktestResult run(BarData data, Strategy strategy, Sizer sizer) {
    runToEquity(data, strategy, sizer);
    return new BacktestResult(config, data, engine);
  }

  /**
   * Runs a strategy and returns only its final equity, building no result: the same engine
   * work as {@link #run}, for sweeps and benchmarks. {@link #lastFillCount()} and {@link
   * #lastClosedTrades()} describe this run until the next one.
   *
   * @param data the bars
   * @param strategy a fresh strategy object
   * @param sizer a fresh sizer
   * @return the mark-to-market equity at the last close
   */
  public double runToEquity(BarData data, Strategy strategy, Sizer sizer) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(sizer, "sizer");
    engine.run(config, data, strategy, sizer);
    return engine.finalEquity();
  }

  /** @return the number of fills of the last run */
  public int lastFillCount() {
    return engine.ledger().fills;
  }

  /** @return the number of closed round trips of the last run */
  public int lastClosedTrades() {
    return engine.ledger().trades;
  }
}
