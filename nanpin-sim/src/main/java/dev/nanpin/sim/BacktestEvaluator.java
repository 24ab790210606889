package dev.nanpin.sim;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.sim.montecarlo.PathBuffer;
import dev.nanpin.sim.montecarlo.PathEvaluator;
import dev.nanpin.sim.montecarlo.PathSummary;
import dev.nanpin.sim.run.SerializableSupplier;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Evaluates Monte Carlo paths by backtesting a strategy on each, with the same engine, fill model
 * and figures as {@link Backtester}.
 *
 * <p>A run makes one evaluator per worker thread; it reuses its engine from path to path and
 * makes a fresh strategy and sizer for every path (both are stateful); the path summary's working
 * memory is reused too. Not thread-safe.
 */
public final class BacktestEvaluator implements PathEvaluator {
  private final SimulationConfig config;
  private final Supplier<? extends Strategy> strategies;
  private final Supplier<? extends Sizer> sizers;
  private final Engine engine = new Engine();
  private final PathSummary.Workspace summaryWorkspace = new PathSummary.Workspace();

  /**
   * @param config the simulation settings (capital, fees, fill timing, perps, ...)
   * @param strategies makes a fresh strategy per path
   * @param sizers makes a fresh sizer per path
   */
  public BacktestEvaluator(SimulationConfig config, Supplier<? extends Strategy> strategies,
      Supplier<? extends Sizer> sizers) {
    this.config = Objects.requireNonNull(config, "config");
    this.strategies = Objects.requireNonNull(strategies, "strategies");
    this.sizers = Objects.requireNonNull(sizers, "sizers");
  }

  /**
   * A serialisable factory of evaluators, for Monte Carlo runs computed in other processes (e.g.
   * on Spark): give it serialisable strategy and sizer factories such as {@link
   * dev.nanpin.sim.run.PluginFactory}.
   *
   * @param config the simulation settings
   * @param strategies makes a fresh strategy per path
   * @param sizers makes a fresh sizer per path
   * @return the factory
   */
  public static SerializableSupplier<PathEvaluator> factory(SimulationConfig config,
      SerializableSupplier<? extends Strategy> strategies, SerializableSupplier<? extends Sizer> sizers) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(strategies, "strategies");
    Objects.requireNonNull(sizers, "sizers");
    return () -> new BacktestEvaluator(config, strategies, sizers);
  }

  @Override
  public PathSummary evaluate(long path, PathBuffer bars, double[] curve) {
    int n = bars.size();
    // The buffer's columns are exactly the path when the run's path length never changed, which is
    // the Monte Carlo case: wrap them (the data does not outlive this call) instead of copying.
    BarData data = bars.time().length == n
        ? BarData.wrap(bars.time(), bars.open(), bars.high(), bars.low(), bars.close(), bars.volume())
        : BarData.of(java.util.Arrays.copyOf(bars.time(), n), java.util.Arrays.copyOf(bars.open(), n),
            java.util.Arrays.copyOf(bars.high(), n), java.util.Arrays.copyOf(bars.low(), n),
            java.util.Arrays.copyOf(bars.close(), n), java.util.Arrays.copyOf(bars.volume(), n));
    Strategy strategy = strategies.get();
    engine.run(config, data, strategy, sizers.get());
    Ledger ledger = engine.ledger();
    return PathSummary.of(data.timeArray(), ledger.equity, n, config.capital(), engine.liquidations() > 0,
        ledger.trades, engine.maxDepth(), strategy.maxEntries(), engine.peakCapital(), curve, summaryWorkspace);
  }
}
