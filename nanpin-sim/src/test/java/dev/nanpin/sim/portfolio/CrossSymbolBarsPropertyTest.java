package dev.nanpin.sim.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.BarSeries;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.UnknownSymbolException;
import dev.nanpin.sim.BarData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A strategy of a portfolio backtest sees another symbol's bars only once they have closed
 * strictly before its own newest bar closes: never a bar closing at the same instant or later,
 * whatever the legs' order, bar lengths and holes, and a visible bar never changes.
 */
class CrossSymbolBarsPropertyTest {
  private static final long HOUR = 3_600_000L;

  /** One symbol's bars: a bar length of 1, 2 or 4 hours, 2..40 bars with random holes after the first two. */
  record Series(long step, BarData data) {}

  @Provide
  Arbitrary<List<Series>> legs() {
    Arbitrary<Series> one = Combinators.combine(
        Arbitraries.of(1L, 2L, 4L), Arbitraries.integers().between(2, 40), Arbitraries.longs().between(0, 6),
        Arbitraries.longs())
        .as((hours, n, offset, seed) -> {
          java.util.Random rnd = new java.util.Random(seed);
          long step = hours * HOUR;
          List<Long> times = new ArrayList<>();
          long t = offset * HOUR;
          for (int i = 0; i < n; i++) {
            if (i < 2 || rnd.nextInt(4) > 0) {
              times.add(t);
            }
            t += step;
          }
          int m = times.size();
          long[] tt = new long[m];
          double[] c = new double[m];
          double[] v = new double[m];
          for (int i = 0; i < m; i++) {
            tt[i] = times.get(i);
            c[i] = 100 + rnd.nextInt(50);
            v[i] = 1;
          }
          return new Series(step, BarData.of(tt, c.clone(), c.clone(), c.clone(), c.clone(), v));
        });
    return one.list().ofMinSize(2).ofMaxSize(3);
  }

  @Property(tries = 200)
  void anotherSymbolsBarIsVisibleOnlyOnceItClosedBeforeTheOwnBarCloses(@ForAll("legs") List<Series> series) {
    List<PortfolioLeg> legs = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      legs.add(new PortfolioLeg("S" + i, series.get(i).data(), PortfolioBacktesterTest.SPOT));
    }
    Map<String, Series> bySymbol = new HashMap<>();
    for (int i = 0; i < series.size(); i++) {
      bySymbol.put("S" + i, series.get(i));
    }
    List<String> names = legs.stream().map(PortfolioLeg::symbol).toList();
    int[] checks = {0};
    new PortfolioBacktester(1_000, null).run(legs, sym -> new Strategy() {
      /** Per other symbol, the close prices seen so far, to show that no visible bar changes. */
      private final Map<String, List<Double>> seen = new HashMap<>();

      @Override
      public void onStart(StrategyContext ctx) {
        assertThat(ctx.symbols()).containsExactlyElementsOf(names);
        for (String other : names) {
          if (!other.equals(sym)) {
            assertThat(ctx.bars(other).size()).as("nothing of %s before %s has a bar", other, sym).isZero();
          }
        }
      }

      @Override
      public void onBar(StrategyContext ctx) {
        assertThat(ctx.bars(sym)).isSameAs(ctx.bars());
        BarSeries own = ctx.bars();
        long ownClose = own.timeMillis(own.size() - 1) + bySymbol.get(sym).step();
        for (String other : names) {
          if (other.equals(sym)) {
            continue;
          }
          BarSeries view = ctx.bars(other);
          BarData full = bySymbol.get(other).data();
          long step = bySymbol.get(other).step();
          int expected = 0;
          while (expected < full.size() && full.timeMillis(expected) + step < ownClose) {
            expected++;
          }
          assertThat(view.size()).as("%s sees %s at own close %d", sym, other, ownClose).isEqualTo(expected);
          if (view.size() > 0) {
            assertThat(view.timeMillis(view.size() - 1) + step).isLessThan(ownClose);
          }
          assertThatThrownBy(() -> view.close(view.size())).isInstanceOf(IndexOutOfBoundsException.class);
          List<Double> before = seen.computeIfAbsent(other, k -> new ArrayList<>());
          assertThat(view.size()).isGreaterThanOrEqualTo(before.size());
          for (int j = 0; j < before.size(); j++) {
            assertThat(view.close(j)).as("bar %d of %s repainted", j, other).isEqualTo(before.get(j));
          }
          for (int j = before.size(); j < view.size(); j++) {
            before.add(view.close(j));
          }
          checks[0]++;
        }
      }
    });
    assertThat(checks[0]).isPositive();
  }

  @Test
  void anUnknownSymbolIsATypedErrorNamingIt() {
    BarData a = PortfolioBacktesterTest.bars(new long[] {0, 1}, new double[] {100, 101});
    BarData b = PortfolioBacktesterTest.bars(new long[] {0, 1}, new double[] {10, 11});
    List<RuntimeException> errors = new ArrayList<>();
    new PortfolioBacktester(1_000, null).run(
        List.of(new PortfolioLeg("BTC", a, PortfolioBacktesterTest.SPOT),
            new PortfolioLeg("ETH", b, PortfolioBacktesterTest.SPOT)),
        sym -> new Strategy() {
          @Override
          public void onBar(StrategyContext ctx) {
            try {
              ctx.bars("SOL");
            } catch (RuntimeException e) {
              errors.add(e);
            }
          }
        });
    assertThat(errors).hasSize(4).allSatisfy(e -> assertThat(e).isInstanceOf(UnknownSymbolException.class)
        .hasMessageContaining("SOL").hasMessageContaining("[BTC, ETH]"));
  }
}
