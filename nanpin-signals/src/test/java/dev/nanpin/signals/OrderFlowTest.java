package dev.nanpin.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.Trade;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/** Order flow: the trade fixture, hand-checked readings and the properties of deltas. */
class OrderFlowTest {
  private static OrderFlowGenerator generator() {
    return OrderFlowGenerator.of(Map.of("footprintTick", 10, "lookbackBars", 5, "sigmaBars", 5));
  }

  private static OrderFlowSignal at(List<Signal> out, int i) {
    return (OrderFlowSignal) out.get(i);
  }

  @Test
  void backpackTradesGiveExactDeltaFootprintAndStackedImbalance() {
    List<Trade> trades = BackpackTradeFixture.load();
    assertThat(trades).hasSize(36);
    BackpackTradeFixture.Grouped g = BackpackTradeFixture.byPeriod(trades, 60_000);
    assertThat(g.bars().length()).isEqualTo(2);
    List<Signal> out = TestBars.run(generator(), g.bars(), g.trades());

    OrderFlowSignal second = at(out, 1);
    assertThat(second.trades()).isEqualTo(12);
    assertThat(second.buyVolume()).isCloseTo(1.90, within(1e-12));
    assertThat(second.sellVolume()).isCloseTo(0.18, within(1e-12));
    assertThat(second.delta()).isCloseTo(1.72, within(1e-12));
    // Levels 97010, 97020, 97030 each beat the bid one level below by more than 3 times.
    assertThat(second.buyImbalances()).isEqualTo(3);
    assertThat(second.sellImbalances()).isZero();
    assertThat(second.stackedBuy()).isTrue();
    assertThat(second.stackedSell()).isFalse();
    // The running delta starts with a 0.1 sell, then only climbs with two small dips.
    assertThat(second.minDelta()).isCloseTo(-0.10, within(1e-12));
    assertThat(second.maxDelta()).isCloseTo(1.73, within(1e-12));
    assertThat(second.cumulativeDelta()).isCloseTo(at(out, 0).delta() + 1.72, within(1e-12));
  }

  @Test
  void footprintRowsSplitTakerBuysAndSellsByLevel() {
    List<Trade> trades = BackpackTradeFixture.load();
    OrderFlowGenerator g = generator();
    for (Trade t : trades.subList(24, 36)) {
      g.onTrade(t);
    }
    double[][] rows = g.currentFootprint();
    assertThat(rows).hasNumberOfRows(4);
    assertThat(rows[0]).containsExactly(new double[] {97000, 0.10, 0.10}, within(1e-9));
    assertThat(rows[1]).containsExactly(new double[] {97010, 0.05, 0.50}, within(1e-9));
    assertThat(rows[2]).containsExactly(new double[] {97020, 0.02, 0.60}, within(1e-9));
    assertThat(rows[3]).containsExactly(new double[] {97030, 0.01, 0.70}, within(1e-9));
  }

  @Property(tries = 60)
  void tradeDeltaIsTheSumOfSignedTradesAndBoundedByVolume(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    RandomMarket m = new RandomMarket(seed, 60);
    List<Signal> out = TestBars.run(generator(), m.bars, m.trades);
    double cumulative = 0;
    for (int i = 0; i < out.size(); i++) {
      OrderFlowSignal s = at(out, i);
      BigDecimal signed = BigDecimal.ZERO;
      BigDecimal volume = BigDecimal.ZERO;
      for (Trade t : m.trades.get(i)) {
        signed = t.aggressor() == Side.BUY ? signed.add(t.quantity()) : signed.subtract(t.quantity());
        volume = volume.add(t.quantity());
      }
      if (m.trades.get(i).isEmpty()) {
        assertThat(s.delta()).isNaN();
        continue;
      }
      cumulative += signed.doubleValue();
      assertThat(s.delta()).isCloseTo(signed.doubleValue(), within(1e-9));
      assertThat(Math.abs(s.delta())).isLessThanOrEqualTo(volume.doubleValue() + 1e-9);
      assertThat(s.minDelta()).isLessThanOrEqualTo(Math.min(0, s.delta()) + 1e-12);
      assertThat(s.maxDelta()).isGreaterThanOrEqualTo(Math.max(0, s.delta()) - 1e-12);
      assertThat(s.cumulativeDelta()).isCloseTo(cumulative, within(1e-9));
    }
  }

  @Property(tries = 60)
  void estimatedDeltasAreBoundedByVolume(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    RandomMarket m = new RandomMarket(seed, 80);
    List<Signal> out = TestBars.run(generator(), m.bars);
    for (int i = 0; i < out.size(); i++) {
      OrderFlowSignal s = at(out, i);
      assertThat(Math.abs(s.estClvDelta())).isLessThanOrEqualTo(m.bars.volume[i] * (1 + 1e-12));
      assertThat(Math.abs(s.estBvcDelta())).isLessThanOrEqualTo(m.bars.volume[i] * (1 + 1e-12));
      assertThat(s.trades()).isZero();
      assertThat(s.delta()).isNaN();
    }
  }

  @Property(tries = 100)
  void clvDeltaIsPlusVolumeAtTheHighAndMinusVolumeAtTheLow(
      @ForAll @DoubleRange(min = 1, max = 1e6) @Scale(6) double low,
      @ForAll @DoubleRange(min = 0.0001, max = 2) @Scale(6) double spread,
      @ForAll @DoubleRange(min = 0, max = 1e9) double volume, @ForAll boolean atHigh) {
    double high = low * (1 + spread);
    double close = atHigh ? high : low;
    TestBars bars = new TestBars.Builder().bar(low, high, low, close, volume).build();
    OrderFlowSignal s = at(TestBars.run(generator(), bars), 0);
    assertThat(s.estClvDelta()).isEqualTo(atHigh ? volume : -volume);
  }

  @Property(tries = 40)
  void cvdOfAJoinedSeriesIsTheSumOfTheParts(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 79) int cut) {
    RandomMarket m = new RandomMarket(seed, 80);
    List<Signal> whole = TestBars.run(generator(), m.bars, m.trades);
    List<Signal> first = TestBars.run(generator(), m.bars.slice(0, cut), m.trades.subList(0, cut));
    List<Signal> second = TestBars.run(generator(), m.bars.slice(cut, 80), m.trades.subList(cut, 80));
    OrderFlowSignal w = at(whole, 79);
    OrderFlowSignal a = at(first, cut - 1);
    OrderFlowSignal b = at(second, 80 - cut - 1);
    assertThat(w.estCvdClv()).isCloseTo(a.estCvdClv() + b.estCvdClv(), within(1e-6 * (1 + Math.abs(w.estCvdClv()))));
    assertThat(w.cumulativeDelta()).isCloseTo(a.cumulativeDelta() + b.cumulativeDelta(), within(1e-9));
  }

  @Test
  void bvcBuyShareFollowsTheNormalCdfOfThePriceChange() {
    // Closes 100, 101, 99, 101, 99, 101: changes +1, -2, +2, -2, +2 (sample sd of the first four
    // = sqrt(((1-(-0.25))^2 + 3 * ...)/3)); the last bar's +2 change is measured against them.
    TestBars.Builder b = new TestBars.Builder();
    double[] closes = {100, 101, 99, 101, 99, 101};
    for (double c : closes) {
      b.bar(c, c + 1, c - 1, c, 1000);
    }
    List<Signal> out = TestBars.run(generator(), b.build());
    double[] d = {1, -2, 2, -2};
    double mean = (1 - 2 + 2 - 2) / 4.0;
    double ss = 0;
    for (double x : d) {
      ss += (x - mean) * (x - mean);
    }
    double sigma = Math.sqrt(ss / 3);
    double expectedShare = dev.nanpin.signals.internal.RollingStats.normalCdf(2 / sigma);
    assertThat(at(out, 5).estBvcDelta()).isCloseTo(1000 * (2 * expectedShare - 1), within(1e-9));
    assertThat(dev.nanpin.signals.internal.RollingStats.normalCdf(1.959963985)).isCloseTo(0.975, within(2e-7));
    assertThat(dev.nanpin.signals.internal.RollingStats.normalCdf(0)).isCloseTo(0.5, within(2e-7));
  }

  @Test
  void absorptionAndDivergenceOnHandBuiltBars() {
    // Five rising bars, then a higher close on falling estimated flow: a bearish CVD divergence.
    TestBars.Builder b = new TestBars.Builder();
    double[][] rows = {{100, 102, 99, 101.5}, {101.5, 103, 101, 102.8}, {102.8, 104, 102, 103.9},
        {103.9, 105, 103.5, 104.8}, {104.8, 106, 104.5, 105.9}, {105.9, 110, 105.5, 106.2}};
    for (double[] r : rows) {
      b.bar(r[0], r[1], r[2], r[3], 1000);
    }
    TestBars bars = b.build();
    OrderFlowGenerator g = OrderFlowGenerator.of(Map.of("lookbackBars", 5, "cvdSource", "clv"));
    List<Signal> noTrades = TestBars.run(g, bars);
    assertThat(at(noTrades, 5).divergence()).isEqualTo(FlowBias.BEARISH);

    // Heavy taker selling in the last bar, yet it closes in the upper half: sellers were absorbed.
    bars.high[5] = 107;
    bars.close[5] = 106.5;
    List<List<Trade>> trades = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      trades.add(List.of());
    }
    trades.set(5, List.of(trade(106.0, "3", Side.SELL), trade(105.6, "2", Side.SELL), trade(106.1, "1", Side.BUY)));
    List<Signal> withTrades = TestBars.run(generator(), bars, trades);
    assertThat(at(withTrades, 5).absorption()).isEqualTo(FlowBias.BULLISH);
  }

  @Test
  void exhaustionIsANewHighOnFadingDelta() {
    // Five bars, then two rising bars: the first with strong buying, the second makes a new high
    // on less than half of that delta.
    TestBars.Builder b = new TestBars.Builder();
    double[][] rows = {{100, 101, 99, 100}, {100, 101, 99, 100.5}, {100.5, 101, 99.5, 100}, {100, 101, 99, 100.2},
        {100.2, 101, 99.5, 100.4}, {100.4, 102, 100.3, 101.8}, {101.8, 103, 101.5, 102.5}};
    for (double[] r : rows) {
      b.bar(r[0], r[1], r[2], r[3], 1000);
    }
    List<List<Trade>> trades = new java.util.ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      trades.add(List.of(trade(rows[i][3], "1", Side.BUY), trade(rows[i][3], "1", Side.SELL)));
    }
    trades.set(5, List.of(trade(101.0, "8", Side.BUY), trade(101.5, "1", Side.SELL)));
    trades.set(6, List.of(trade(102.0, "3", Side.BUY), trade(102.4, "1", Side.SELL)));
    List<Signal> out = TestBars.run(generator(), b.build(), trades);
    assertThat(at(out, 5).exhaustion()).as("a new high on rising delta").isEqualTo(FlowBias.NONE);
    assertThat(at(out, 6).delta()).isCloseTo(2, within(1e-12));
    assertThat(at(out, 6).exhaustion()).isEqualTo(FlowBias.BEARISH);
  }

  private static Trade trade(double price, String qty, Side side) {
    return new Trade("X", BigDecimal.valueOf(price), new BigDecimal(qty), side, null, java.time.Instant.EPOCH);
  }
}
