package dev.nanpin.sim.portfolio;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.sim.BarData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Monte Carlo of a portfolio: many joint paths of the symbols ({@link JointPaths}), each run
 * through a {@link PortfolioBacktester} with the legs' settings, the strategies and the sizers.
 *
 * <p>Path {@code p}'s prices depend only on the generator and {@code p}; its result is stored at
 * index {@code p}; so a run gives the same figures with 1 or N threads, and across runs. The
 * strategy and sizer factories are called from the worker threads and must be thread-safe (each
 * call returns a fresh object).
 *
 * <p>Immutable and thread-safe.
 */
public final class PortfolioMonteCarlo {
  private final PortfolioBacktester backtester;
  private final List<PortfolioLeg> legs;
  private final JointPaths paths;

  /**
   * Creates a run.
   *
   * @param backtester the portfolio backtester (capital, guard)
   * @param legs the symbols: their names and settings; their bars are replaced by each path's
   * @param paths the joint path generator, one symbol per leg in the same order
   */
  public PortfolioMonteCarlo(PortfolioBacktester backtester, List<PortfolioLeg> legs, JointPaths paths) {
    this.backtester = Objects.requireNonNull(backtester, "backtester");
    this.legs = List.copyOf(legs);
    this.paths = Objects.requireNonNull(paths, "paths");
    if (paths.symbols() != this.legs.size()) {
      throw new IllegalArgumentException("the generator makes %d symbols for %d legs"
          .formatted(paths.symbols(), this.legs.size()));
    }
  }

  /**
   * Runs the paths.
   *
   * @param pathCount the number of paths, {@code >= 1}
   * @param bars the bars of each path, {@code >= 2}
   * @param threads the worker threads, {@code >= 1}
   * @param strategies a fresh strategy for a symbol's name
   * @param sizers a fresh sizer for a symbol's name
   * @return the per-path figures in path order and their distribution
   */
  public Result run(int pathCount, int bars, int threads, Function<String, Strategy> strategies,
      Function<String, Sizer> sizers) {
    if (pathCount < 1 || bars < 2 || threads < 1) {
      throw new IllegalArgumentException("need paths >= 1, bars >= 2, threads >= 1: %d, %d, %d"
          .formatted(pathCount, bars, threads));
    }
    double[] finalEquity = new double[pathCount];
    double[] maxDrawdown = new double[pathCount];
    double[] peakCapital = new double[pathCount];
    int[] liquidations = new int[pathCount];
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int p = next.getAndIncrement(); p < pathCount; p = next.getAndIncrement()) {
        List<BarData> data = paths.generate(p, bars);
        List<PortfolioLeg> pathLegs = new ArrayList<>(legs.size());
        for (int s = 0; s < legs.size(); s++) {
          pathLegs.add(new PortfolioLeg(legs.get(s).symbol(), data.get(s), legs.get(s).config()));
        }
        PortfolioReport r = backtester.run(pathLegs, strategies, sizers).report();
        finalEquity[p] = r.finalEquity();
        maxDrawdown[p] = r.maxDrawdown();
        peakCapital[p] = r.peakCapitalInUse();
        liquidations[p] = r.liquidations();
      }
    };
    if (threads == 1) {
      worker.run();
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
          done.add(pool.submit(worker));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running the portfolio paths", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    return new Result(paths.id(), paths.seed(), bars, backtester.capital(), finalEquity, maxDrawdown, peakCapital,
        liquidations);
  }

  /**
   * The figures of every path, in path order, and their distribution.
   *
   * @param generator the generator's id
   * @param seed its seed
   * @param bars the bars of each path
   * @param capital the starting capital of each path
   * @param finalEquity each path's final equity
   * @param maxDrawdown each path's largest drawdown, a fraction
   * @param peakCapitalInUse each path's peak capital in use over all symbols
   * @param liquidations each path's liquidations
   */
  public record Result(String generator, long seed, int bars, double capital, double[] finalEquity,
      double[] maxDrawdown, double[] peakCapitalInUse, int[] liquidations) {

    /** Copies the arrays. */
    public Result {
      finalEquity = finalEquity.clone();
      maxDrawdown = maxDrawdown.clone();
      peakCapitalInUse = peakCapitalInUse.clone();
      liquidations = liquidations.clone();
    }

    /** @return each path's final equity (a copy) */
    @Override
    public double[] finalEquity() {
      return finalEquity.clone();
    }

    /** @return each path's largest drawdown (a copy) */
    @Override
    public double[] maxDrawdown() {
      return maxDrawdown.clone();
    }

    /** @return each path's peak capital in use (a copy) */
    @Override
    public double[] peakCapitalInUse() {
      return peakCapitalInUse.clone();
    }

    /** @return each path's liquidations (a copy) */
    @Override
    public int[] liquidations() {
      return liquidations.clone();
    }

    /** @return the number of paths */
    public int paths() {
      return finalEquity.length;
    }

    /**
     * A quantile of the paths' total returns (lower empirical quantile: the value at index {@code
     * floor(q * (n - 1))} of the sorted returns).
     *
     * @param q the quantile, in {@code [0, 1]}
     * @return the total return at that quantile
     */
    public double returnQuantile(double q) {
      double[] r = new double[finalEquity.length];
      for (int p = 0; p < r.length; p++) {
        r[p] = finalEquity[p] / capital - 1.0;
      }
      return quantile(r, q);
    }

    /**
     * A quantile of the paths' maximum drawdowns, as {@link #returnQuantile}.
     *
     * @param q the quantile, in {@code [0, 1]}
     * @return the drawdown at that quantile
     */
    public double drawdownQuantile(double q) {
      return quantile(maxDrawdown.clone(), q);
    }

    /** @return the share of paths that end below the capital */
    public double probabilityOfLoss() {
      int losing = 0;
      for (double e : finalEquity) {
        losing += e < capital ? 1 : 0;
      }
      return (double) losing / finalEquity.length;
    }

    /** @return the share of paths with at least one liquidation */
    public double probabilityOfLiquidation() {
      int hit = 0;
      for (int l : liquidations) {
        hit += l > 0 ? 1 : 0;
      }
      return (double) hit / liquidations.length;
    }

    private static double quantile(double[] v, double q) {
      if (!(q >= 0 && q <= 1)) {
        throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
      }
      Arrays.sort(v);
      return v[(int) Math.floor(q * (v.length - 1))];
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Result r && generator.equals(r.generator) && seed == r.seed && bars == r.bars
          && Double.compare(capital, r.capital) == 0 && Arrays.equals(finalEquity, r.finalEquity)
          && Arrays.equals(maxDrawdown, r.maxDrawdown) && Arrays.equals(peakCapitalInUse, r.peakCapitalInUse)
          && Arrays.equals(liquidations, r.liquidations);
    }

    @Override
    public int hashCode() {
      return Objects.hash(generator, seed, bars, capital, Arrays.hashCode(finalEquity), Arrays.hashCode(maxDrawdown));
    }

    @Override
    public String toString() {
      return "PortfolioMonteCarlo.Result[%s, seed %d, %d paths of %d bars]".formatted(generator, seed, paths(), bars);
    }
  }
}
