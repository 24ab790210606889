package dev.nanpin.sim.optimize;

import dev.nanpin.Sizer;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.sim.run.SerializableSupplier;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A sweep objective that backtests one candidate (the strategy's settings plus the candidate's)
 * on fixed bars and answers the report's figures ({@link ReportFigures}). Serialisable, so a sweep
 * can run on a runner in another process, which receives the bars once.
 *
 * @param config the simulation settings
 * @param bars the bars
 * @param strategy makes the strategy, the candidate's parameters overriding its settings
 * @param sizers makes a fresh sizer per backtest
 */
public record BacktestObjective(SimulationConfig config, BarData bars, PluginFactory<dev.nanpin.Strategy> strategy,
    SerializableSupplier<? extends Sizer> sizers) implements Function<Map<String, String>, Map<String, Double>>,
    Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates. */
  public BacktestObjective {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(bars, "bars");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(sizers, "sizers");
  }

  @Override
  public Map<String, Double> apply(Map<String, String> candidate) {
    return ReportFigures.of(new Backtester(config).run(bars, strategy.with(candidate).get(), sizers.get()).report());
  }
}
