package dev.nanpin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The parity kit of the engine kernel, in the style of a compatibility kit: given bars and a
 * strategy, every engine must produce the same fills (time, side, price to the tick, quantity to
 * the step, fee) and the same final position and cash, with rounding and the risk guard on.
 *
 * <p>A module that can see several engines subclasses it, names its {@linkplain #engines()
 * engines} (each a function from a {@link Scenario} to its {@link Outcome}) and its {@linkplain
 * #scenarios() scenarios}; the kit runs every scenario on every engine and compares each engine
 * with the first. A scenario whose first engine fills fewer than {@link Scenario#minFills()}
 * times fails: a parity of no fills proves nothing.
 */
public abstract class EngineParityKit {
  /**
   * One parity case.
   *
   * @param name the name shown in the test report
   * @param csv bars ({@code timestamp,open,high,low,close,volume})
   * @param perp whether the market is a perpetual
   * @param leverage the leverage on a perpetual (1 on spot)
   * @param strategy the strategy plugin id
   * @param params the strategy's settings
   * @param tick the price tick
   * @param step the quantity step
   * @param minFills the least number of fills the first engine must make
   * @param signals the signal generators fed at every bar close, by plugin id, each with its
   *     settings, in order (empty for none)
   * @param capital the starting cash (spot) or wallet (perps) of every engine
   */
  public record Scenario(String name, Path csv, boolean perp, double leverage, String strategy,
      Map<String, String> params, BigDecimal tick, BigDecimal step, int minFills,
      Map<String, Map<String, String>> signals, double capital) {
    /** The capital of a case that does not name one: enough that the cash never runs short. */
    public static final double DEFAULT_CAPITAL = 10_000;

    /** Copies the maps, keeping their order. */
    public Scenario {
      params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
      signals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signals));
      if (!(capital > 0)) {
        throw new IllegalArgumentException("capital must be > 0: " + capital);
      }
    }

    /**
     * A case on {@link #DEFAULT_CAPITAL}.
     *
     * @param name the name shown in the test report
     * @param csv bars
     * @param perp whether the market is a perpetual
     * @param leverage the leverage on a perpetual
     * @param strategy the strategy plugin id
     * @param params the strategy's settings
     * @param tick the price tick
     * @param step the quantity step
     * @param minFills the least number of fills the first engine must make
     * @param signals the signal generators fed at every bar close
     */
    public Scenario(String name, Path csv, boolean perp, double leverage, String strategy,
        Map<String, String> params, BigDecimal tick, BigDecimal step, int minFills,
        Map<String, Map<String, String>> signals) {
      this(name, csv, perp, leverage, strategy, params, tick, step, minFills, signals, DEFAULT_CAPITAL);
    }

    /**
     * This case on another capital (a small one makes the cash run short).
     *
     * @param cash the starting cash or wallet
     * @return the case
     */
    public Scenario withCapital(double cash) {
      return new Scenario(name, csv, perp, leverage, strategy, params, tick, step, minFills, signals, cash);
    }

    /**
     * A case without signal generators.
     *
     * @param name the name shown in the test report
     * @param csv bars
     * @param perp whether the market is a perpetual
     * @param leverage the leverage on a perpetual
     * @param strategy the strategy plugin id
     * @param params the strategy's settings
     * @param tick the price tick
     * @param step the quantity step
     * @param minFills the least number of fills the first engine must make
     */
    public Scenario(String name, Path csv, boolean perp, double leverage, String strategy,
        Map<String, String> params, BigDecimal tick, BigDecimal step, int minFills) {
      this(name, csv, perp, leverage, strategy, params, tick, step, minFills, Map.of());
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One fill, normalised: price to the tick, quantity to the step, fee to 8 decimals (after 12
   * significant digits, which drop the noise of a {@code double}).
   *
   * @param time when it filled
   * @param side the side
   * @param price the price
   * @param quantity the quantity
   * @param fee the fee
   */
  public record ParityFill(Instant time, Side side, BigDecimal price, BigDecimal quantity, BigDecimal fee) {
    /**
     * A fill normalised to a scenario's grid.
     *
     * @param s the scenario
     * @param time when it filled
     * @param side the side
     * @param price the price
     * @param quantity the quantity
     * @param fee the fee
     * @return the fill
     */
    public static ParityFill of(Scenario s, Instant time, Side side, BigDecimal price, BigDecimal quantity,
        BigDecimal fee) {
      return new ParityFill(time, side, price.setScale(s.tick().scale(), RoundingMode.HALF_EVEN),
          quantity.setScale(s.step().scale(), RoundingMode.HALF_EVEN),
          // through 12 significant digits first: a double's 0.16871389499999998 is the 0.168713895 it means
          fee.round(new MathContext(12, RoundingMode.HALF_EVEN)).setScale(8, RoundingMode.HALF_EVEN));
    }
  }

  /**
   * What an engine did with a scenario.
   *
   * @param fills the fills in order
   * @param position the final signed position
   * @param cash the final cash (spot) or wallet (perps)
   */
  public record Outcome(List<ParityFill> fills, double position, double cash) {}

  /** @return the engines by name, the reference first */
  protected abstract Map<String, Function<Scenario, Outcome>> engines();

  /** @return the scenarios */
  protected abstract List<Scenario> scenarios();

  /** @return one test per scenario and engine after the first: the same fills, position and cash */
  @TestFactory
  Stream<DynamicTest> everyEngineFillsAsTheReference() {
    List<DynamicTest> tests = new ArrayList<>();
    Map<String, Function<Scenario, Outcome>> engines = new LinkedHashMap<>(engines());
    String reference = engines.keySet().iterator().next();
    for (Scenario s : scenarios()) {
      Map<Scenario, Outcome> memo = new LinkedHashMap<>();
      for (Map.Entry<String, Function<Scenario, Outcome>> e : engines.entrySet()) {
        if (e.getKey().equals(reference)) {
          continue;
        }
        tests.add(DynamicTest.dynamicTest(s.name() + ": " + e.getKey() + " = " + reference, () -> {
          Outcome ref = memo.computeIfAbsent(s, x -> timed(x, reference, engines.get(reference)));
          assertThat(ref.fills()).as("%s fills of %s", reference, s.name()).hasSizeGreaterThanOrEqualTo(s.minFills());
          Outcome other = timed(s, e.getKey(), e.getValue());
          assertThat(other.fills()).as("%s fills of %s", e.getKey(), s.name()).containsExactlyElementsOf(ref.fills());
          assertThat(other.position()).as("final position").isCloseTo(ref.position(),
              org.assertj.core.api.Assertions.within(1e-9));
          assertThat(other.cash()).as("final cash").isCloseTo(ref.cash(),
              org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, Math.abs(ref.cash()))));
        }));
      }
    }
    return tests.stream();
  }

  /** Runs one engine on one case and prints its fill count and wall time (the figures of the test report). */
  private static Outcome timed(Scenario s, String engine, Function<Scenario, Outcome> run) {
    long t0 = System.nanoTime();
    Outcome o = run.apply(s);
    System.out.printf(java.util.Locale.ROOT, "parity | %s | %s: %d fills in %.1f s%n", s.name(), engine,
        o.fills().size(), (System.nanoTime() - t0) / 1e9);
    return o;
  }
}
