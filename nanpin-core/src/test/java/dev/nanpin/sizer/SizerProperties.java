package dev.nanpin.sizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.OrderIntent;
import dev.nanpin.Sizer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

class SizerProperties {

  @Provide
  Arbitrary<Sizer> sizers() {
    Arbitrary<Double> lev = Arbitraries.doubles().between(1, 20).ofScale(3);
    Arbitrary<Double> frac = Arbitraries.doubles().between(0.001, 1).ofScale(4);
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(0.01, 1e6).ofScale(2).flatMap(q -> lev.map(l -> Sizers.fixedQuote(q, l))),
        frac.flatMap(f -> lev.map(l -> Sizers.percentEquity(f, l))),
        frac.map(f -> (Sizer) new KellySizer(f, 1, 1, Math.min(f, 1), 1)),
        Arbitraries.of(new TieredLeverageSizer(List.of(200.0, 1000.0), List.of(8.0, 5.0, 3.0), 0.07),
            new TieredLeverageSizer(List.of(50.0), List.of(20.0, 10.0), 1.0)),
        frac.map(f -> (Sizer) new BuyCountDecaySizer(List.of(f, f / 2), Duration.ofHours(24))),
        frac.map(f -> (Sizer) SizerChain.of(Sizers.percentEquity(f, 5), Sizers.fixedQuote(1e9, 5))));
  }

  /**
   * No sizer answers a negative size, and the order it sizes (answer times the intent's
   * multiplier) never needs more margin plus fee than the free margin, at the largest leverage
   * any built-in sizer here uses (20x).
   */
  @Property(tries = 500)
  void neverNegativeNeverAboveTheFreeMargin(@ForAll("sizers") Sizer sizer,
      @ForAll @DoubleRange(min = 0, max = 1e7) @Scale(4) double equity,
      @ForAll @DoubleRange(min = 0, max = 1e7) @Scale(4) double freeMargin,
      @ForAll @DoubleRange(min = 0, max = 1e7) @Scale(4) double collateral,
      @ForAll @DoubleRange(min = 0, max = 0.01) @Scale(5) double fee,
      @ForAll @DoubleRange(min = 0.01, max = 10) @Scale(3) double multiplier,
      @ForAll @DoubleRange(min = 0.0001, max = 1e6) @Scale(4) double price) {
    FakeAccount acc = FakeAccount.of(equity, freeMargin, collateral, fee);
    double answer = sizer.quoteSize(OrderIntent.buySized(multiplier), price, acc, 0);
    assertThat(answer).isGreaterThanOrEqualTo(0).isFinite();
    double notional = answer * multiplier;
    // At leverage L the order needs N / L + N * fee; with L <= 20 that is at least N / 20 + N * fee.
    assertThat(notional / 20 + notional * fee).isLessThanOrEqualTo(freeMargin * (1 + 1e-9) + 1e-9);
    // Leverage-1 sizers (buy-count decay, Kelly here) are held to the spot rule.
    if (sizer instanceof BuyCountDecaySizer || sizer instanceof KellySizer) {
      assertThat(notional * (1 + fee)).isLessThanOrEqualTo(freeMargin * (1 + 1e-9) + 1e-9);
    }
  }

  @Property(tries = 500)
  void kellyStaysBetweenZeroAndTheCap(
      @ForAll @Size(max = 60) List<@DoubleRange(min = -1, max = 5) @Scale(4) Double> returns,
      @ForAll @DoubleRange(min = 0.01, max = 1) @Scale(3) double fraction,
      @ForAll @DoubleRange(min = 0.01, max = 1) @Scale(3) double cap,
      @ForAll @IntRange(min = 1, max = 30) int minTrades) {
    KellySizer k = new KellySizer(fraction, cap, minTrades, cap / 2, 1);
    for (double r : returns) {
      k.onTradeClosed(r * 100, r);
      assertThat(k.currentFraction()).isBetween(0.0, cap);
    }
    double answer = k.quoteSize(OrderIntent.buySized(1), 1, FakeAccount.spot(1_000), 0);
    assertThat(answer).isBetween(0.0, cap * 1_000);
  }

  /**
   * Random gaps between buy attempts; every attempt that gets a size fills at once. No rolling
   * 24 h window may then hold more than three buys.
   */
  @Property(tries = 300)
  void buyCountDecayNeverAllowsAFourthBuyInsideTheWindow(
      @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 600) Integer> gapsMinutes) {
    BuyCountDecaySizer s = new BuyCountDecaySizer(List.of(0.10, 0.07, 0.05), Duration.ofHours(24));
    FakeAccount acc = FakeAccount.spot(1_000_000);
    long window = Duration.ofHours(24).toMillis();
    Deque<Long> buys = new ArrayDeque<>();
    long t = 0;
    int orderId = 0;
    for (int gap : gapsMinutes) {
      t += gap * 60_000L;
      double size = s.quoteSize(OrderIntent.buySized(1), 100, acc, t);
      if (size > 0) {
        s.onFill(FakeFill.buy(orderId++, t), acc);
        buys.addLast(t);
      }
      while (!buys.isEmpty() && buys.peekFirst() <= t - window) {
        buys.removeFirst();
      }
      assertThat(buys.size()).isLessThanOrEqualTo(3);
    }
  }
}
