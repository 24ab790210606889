package dev.nanpin.sim.optimize;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.montecarlo.PathGenerator;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.sim.run.SerializableSupplier;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An objective that runs one candidate (the strategy's settings plus the candidate's) on a Monte
 * Carlo run of its own, on the calling thread, and answers the run's figures ({@link
 * MonteCarloResult#FIGURES}). Every candidate sees the same paths (the generator's seed). One
 * candidate is one cell of a sweep or an optimiser generation; serialisable, so the cells can run
 * on Spark.
 *
 * @param config the simulation settings
 * @param generator makes the paths
 * @param strategy makes the strategy, the candidate's parameters overriding its settings
 * @param sizers makes a fresh sizer per path
 * @param paths paths per run, {@code >= 1}
 * @param bars bars per path, {@code >= 2}
 */
public record MonteCarloObjective(SimulationConfig config, PathGenerator generator, PluginFactory<Strategy> strategy,
    SerializableSupplier<? extends Sizer> sizers, int paths, int bars)
    implements Function<Map<String, String>, Map<String, Double>>, Serializable {
  private static final long serialVersionUID = 1L;

  /** Validates. */
  public MonteCarloObjective {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(sizers, "sizers");
    if (paths < 1 || bars < 2) {
      throw new IllegalArgumentException("need paths >= 1 and bars >= 2: " + paths + ", " + bars);
    }
  }

  @Override
  public Map<String, Double> apply(Map<String, String> candidate) {
    return MonteCarlo.builder(generator, BacktestEvaluator.factory(config, strategy.with(candidate), sizers))
        .paths(paths).bars(bars).threads(1).initialEquity(config.capital()).curves(0, 2).build().run().figures();
  }
}
