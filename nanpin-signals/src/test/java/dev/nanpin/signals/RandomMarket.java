package dev.nanpin.signals;

import dev.nanpin.Side;
import dev.nanpin.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random but plausible bars (a random walk with volume spikes) and trades inside each bar. */
final class RandomMarket {
  final TestBars bars;
  final List<List<Trade>> trades;

  RandomMarket(long seed, int n) {
    Random r = new Random(seed);
    TestBars.Builder b = new TestBars.Builder();
    double price = 100 + r.nextDouble() * 1000;
    double vol = 0.01 + r.nextDouble() * 0.05;
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double o = price;
      double c = o * Math.exp(vol * r.nextGaussian());
      double h = Math.max(o, c) * (1 + Math.abs(r.nextGaussian()) * vol / 2);
      double l = Math.min(o, c) * (1 - Math.abs(r.nextGaussian()) * vol / 2);
      if (r.nextInt(25) == 0) {
        l = Math.min(o, c) * (1 - 3 * vol); // a long wick
      }
      double v = (r.nextInt(15) == 0 ? 3 + r.nextDouble() * 4 : 0.3 + r.nextDouble()) * 1000;
      if (r.nextInt(40) == 0) {
        v = 0;
      }
      b.bar(o, h, l, c, v);
      rows.add(new double[] {o, h, l, c, v});
      price = c;
    }
    this.bars = b.build();
    this.trades = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] row = rows.get(i);
      int count = r.nextInt(12);
      List<Trade> list = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        double p = row[2] + (row[1] - row[2]) * r.nextDouble();
        double q = 0.001 + r.nextDouble() * 2;
        list.add(new Trade("BTC_USDC", BigDecimal.valueOf(p).setScale(2, java.math.RoundingMode.HALF_UP),
            BigDecimal.valueOf(q).setScale(4, java.math.RoundingMode.HALF_UP), r.nextBoolean() ? Side.BUY : Side.SELL,
            Long.toString(i * 100L + k), Instant.ofEpochMilli(bars.time[i] + k)));
      }
      trades.add(list);
    }
  }
}
