package dev.nanpin.signals;

import dev.nanpin.BarSeries;
import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.Trade;
import dev.nanpin.signals.internal.BarInput;
import dev.nanpin.signals.internal.Footprint;
import dev.nanpin.signals.internal.RollingExtreme;
import dev.nanpin.signals.internal.RollingStats;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import java.time.Instant;
import java.util.Map;

/**
 * Order flow from trades with an aggressor flag (exact) and from OHLCV (estimates); see {@link
 * OrderFlowSignal} for every field and its definition.
 *
 * <p><b>Trades.</b> Trades passed to {@link #onTrade} before a bar's {@link #onBar} belong to
 * that bar. Each is binned into the bar's footprint by price ({@code footprintTick} wide, or
 * automatically a power of ten near 1/10 000 of the first trade's price). A level {@code p} is
 * buy-imbalanced when {@code ask[p] >= imbalanceRatio * bid[p - 1]} and {@code ask[p] >=
 * imbalanceMinVolume} (the diagonal comparison: aggressive buying at {@code p} against aggressive
 * selling one level below), sell-imbalanced when {@code bid[p] >= imbalanceRatio * ask[p + 1]} and
 * {@code bid[p] >= imbalanceMinVolume}; the bar's lowest (highest) level has no partner below
 * (above) and is never buy- (sell-) imbalanced. Absorption: {@code |delta| >= absorptionShare * volume}
 * and the close on the other half of the bar's range. Exhaustion: the bar's high is above the
 * highest high of the {@code lookbackBars} before it while its delta is below {@code
 * exhaustionFade} times the previous bar's positive delta (bearish), or the mirror at a new low.
 *
 * <p><b>OHLCV estimates.</b> CLV and BVC deltas (the BVC sigma is the standard deviation of the
 * last {@code sigmaBars} close-to-close changes, before the current one); divergence over
 * {@code lookbackBars}; effort over the average volume and range of the {@code lookbackBars}
 * before the bar.
 *
 * <p><b>Cost and output.</b> O(1) amortised per bar plus O(levels) for the footprint; the reading
 * changes every bar, so every bar returns a new {@link OrderFlowSignal}. Never repaints: the
 * reading of bar {@code i} uses bars {@code 0..i} and the trades received before its close.
 *
 * <p>Not thread-safe: one generator per series, called from one thread.
 */
public final class OrderFlowGenerator implements SignalGenerator {
  /** The plugin id. */
  public static final String ID = "orderflow";

  /** Which cumulative delta the divergence reads. */
  public enum CvdSource {
    /** The exact delta from trades (0 for bars without trades). */
    TRADES,
    /** The close-location-value estimate. */
    CLV,
    /** The bulk-volume-classification estimate. */
    BVC
  }

  /** The parameters. */
  public static final ConfigSpec SPEC = ConfigSpec.builder()
      .doubleParam("footprintTick", 0, 0, 1e12, "footprint price bin (quote units); 0 = automatic")
      .doubleParam("imbalanceRatio", 3.0, 1.0, 1000, "diagonal imbalance ratio")
      .doubleParam("imbalanceMinVolume", 0, 0, 1e15, "least volume at a level for an imbalance")
      .intParam("stackLevels", 3, 2, 100, "consecutive imbalanced levels that make a stacked imbalance")
      .doubleParam("absorptionShare", 0.3, 0.01, 1, "absorption: least |delta| / volume")
      .doubleParam("exhaustionFade", 0.5, 0, 1, "exhaustion: delta below this times the previous bar's delta")
      .intParam("sigmaBars", 50, 2, 100_000, "BVC: bars of close-to-close changes for sigma")
      .intParam("lookbackBars", 20, 2, 100_000, "divergence, exhaustion and effort averages: bars looked back")
      .enumParam("cvdSource", CvdSource.class, CvdSource.BVC, "the CVD the divergence reads")
      .doubleParam("churnRatio", 2.0, 1.0, 1000, "effort: volume per unit range at least this times normal is churn")
      .doubleParam("climaxRatio", 2.0, 1.0, 1000, "effort: volume and range both this times normal is a climax")
      .build();

  private final double imbalanceRatio;
  private final double imbalanceMinVolume;
  private final int stackLevels;
  private final double absorptionShare;
  private final double exhaustionFade;
  private final int lookback;
  private final int sigmaBars;
  private final CvdSource cvdSource;
  private final double churnRatio;
  private final double climaxRatio;

  private final Footprint footprint;
  private int trades;
  private double buy;
  private double sell;
  private double running;
  private double minRunning;
  private double maxRunning;
  private double cumulativeDelta;
  private double prevTradeDelta = Double.NaN;

  private final RollingStats priceChanges;
  private final RollingStats volumes;
  private final RollingStats ranges;
  private final RollingExtreme highs;
  private final RollingExtreme lows;
  private final RollingExtreme closeMax;
  private final RollingExtreme closeMin;
  private final RollingExtreme cvdMax;
  private final RollingExtreme cvdMin;
  private double cvdClv;
  private double cvdBvc;
  private double cvdTrades;
  private int lastBar = -1;

  /**
   * Creates a generator.
   *
   * @param config settings resolved against {@link #SPEC}
   */
  public OrderFlowGenerator(PluginConfig config) {
    this.imbalanceRatio = config.getDouble("imbalanceRatio");
    this.imbalanceMinVolume = config.getDouble("imbalanceMinVolume");
    this.stackLevels = config.getInt("stackLevels");
    this.absorptionShare = config.getDouble("absorptionShare");
    this.exhaustionFade = config.getDouble("exhaustionFade");
    this.lookback = config.getInt("lookbackBars");
    this.sigmaBars = config.getInt("sigmaBars");
    this.cvdSource = config.getEnum("cvdSource", CvdSource.class);
    this.churnRatio = config.getDouble("churnRatio");
    this.climaxRatio = config.getDouble("climaxRatio");
    this.footprint = new Footprint(config.getDouble("footprintTick"));
    this.priceChanges = new RollingStats(sigmaBars);
    this.volumes = new RollingStats(lookback);
    this.ranges = new RollingStats(lookback);
    this.highs = new RollingExtreme(lookback, true);
    this.lows = new RollingExtreme(lookback, false);
    this.closeMax = new RollingExtreme(lookback, true);
    this.closeMin = new RollingExtreme(lookback, false);
    this.cvdMax = new RollingExtreme(lookback, true);
    this.cvdMin = new RollingExtreme(lookback, false);
  }

  /**
   * Creates a generator from raw settings.
   *
   * @param settings keys of {@link #SPEC}
   * @return the generator
   */
  public static OrderFlowGenerator of(Map<String, ?> settings) {
    return new OrderFlowGenerator(SPEC.resolve(settings));
  }

  @Override
  public int warmUpBars() {
    return Math.max(lookback, sigmaBars) + 1;
  }

  @Override
  public void onTrade(Trade trade) {
    double q = trade.quantity().doubleValue();
    double p = trade.price().doubleValue();
    boolean buyer = trade.aggressor() == Side.BUY;
    if (trades == 0) {
      running = 0;
      minRunning = 0;
      maxRunning = 0;
    }
    trades++;
    if (buyer) {
      buy += q;
      running += q;
    } else {
      sell += q;
      running -= q;
    }
    minRunning = Math.min(minRunning, running);
    maxRunning = Math.max(maxRunning, running);
    footprint.add(p, q, buyer);
  }

  @Override
  public Signal onBar(BarSeries bars) {
    int i = BarInput.next(bars, lastBar);
    if (i < 0) {
      return null;
    }
    BarInput.check(bars, i);
    lastBar = i;
    double h = bars.high(i);
    double l = bars.low(i);
    double c = bars.close(i);
    double v = bars.volume(i);
    double range = h - l;
    double mid = (h + l) / 2;

    // Exact: from this bar's trades.
    boolean traded = trades > 0;
    double delta = traded ? buy - sell : Double.NaN;
    if (traded) {
      cumulativeDelta += delta;
    }
    int buyImb = 0;
    int sellImb = 0;
    boolean stackedBuy = false;
    boolean stackedSell = false;
    FlowBias absorption = FlowBias.NONE;
    FlowBias exhaustion = FlowBias.NONE;
    if (traded) {
      footprint.imbalances(imbalanceRatio, imbalanceMinVolume);
      buyImb = footprint.buyImbalances();
      sellImb = footprint.sellImbalances();
      stackedBuy = footprint.longestBuyRun() >= stackLevels;
      stackedSell = footprint.longestSellRun() >= stackLevels;
      double tradedVolume = buy + sell;
      if (delta <= -absorptionShare * tradedVolume && c >= mid && range > 0) {
        absorption = FlowBias.BULLISH;
      } else if (delta >= absorptionShare * tradedVolume && c <= mid && range > 0) {
        absorption = FlowBias.BEARISH;
      }
      if (highs.count() >= lookback && h > highs.value() && prevTradeDelta > 0 && delta < exhaustionFade * prevTradeDelta) {
        exhaustion = FlowBias.BEARISH;
      } else if (lows.count() >= lookback && l < lows.value() && prevTradeDelta < 0
          && delta > exhaustionFade * prevTradeDelta) {
        exhaustion = FlowBias.BULLISH;
      }
    }

    // Estimates: from OHLCV.
    double clvDelta = range > 0 ? v * (2 * (c - l) / range - 1) : 0;
    double bvcDelta = 0;
    if (i > 0) {
      double dp = c - bars.close(i - 1);
      double sigma = priceChanges.stdDev();
      if (sigma > 0) {
        bvcDelta = v * (2 * RollingStats.normalCdf(dp / sigma) - 1);
      }
      priceChanges.push(dp);
    }
    cvdClv += clvDelta;
    cvdBvc += bvcDelta;
    cvdTrades += traded ? delta : 0;
    double cvd = switch (cvdSource) {
      case TRADES -> cvdTrades;
      case CLV -> cvdClv;
      case BVC -> cvdBvc;
    };
    FlowBias divergence = FlowBias.NONE;
    if (closeMax.count() >= lookback) {
      if (c > closeMax.value() && !(cvd > cvdMax.value())) {
        divergence = FlowBias.BEARISH;
      } else if (c < closeMin.value() && !(cvd < cvdMin.value())) {
        divergence = FlowBias.BULLISH;
      }
    }
    double effortRatio = Double.NaN;
    OrderFlowSignal.Effort effort = OrderFlowSignal.Effort.NORMAL;
    if (volumes.full() && volumes.mean() > 0 && ranges.mean() > 0 && range > 0) {
      double effortRel = v / volumes.mean();
      double resultRel = range / ranges.mean();
      effortRatio = effortRel / resultRel;
      if (effortRel >= climaxRatio && resultRel >= climaxRatio) {
        effort = OrderFlowSignal.Effort.CLIMAX;
      } else if (effortRatio >= churnRatio && effortRel >= 1) {
        effort = OrderFlowSignal.Effort.CHURN;
      }
    }

    OrderFlowSignal out = new OrderFlowSignal(Instant.ofEpochMilli(BarInput.closeMillis(bars, i)), i, trades,
        traded ? buy : Double.NaN, traded ? sell : Double.NaN, delta, cumulativeDelta,
        traded ? minRunning : Double.NaN, traded ? maxRunning : Double.NaN, buyImb, sellImb, stackedBuy, stackedSell,
        absorption, exhaustion, clvDelta, bvcDelta, cvdClv, cvdBvc, divergence, effortRatio, effort);

    // Windows take the current bar only now: each comparison above is against the bars before it.
    highs.push(h);
    lows.push(l);
    closeMax.push(c);
    closeMin.push(c);
    cvdMax.push(cvd);
    cvdMin.push(cvd);
    volumes.push(v);
    ranges.push(range);
    prevTradeDelta = traded ? delta : Double.NaN;
    trades = 0;
    buy = 0;
    sell = 0;
    footprint.clear();
    return out;
  }

  /**
   * The footprint of the trades received since the last bar close, as {@code {price, bidVolume,
   * askVolume}} rows (bid = taker sells, ask = taker buys), lowest price first; for inspection.
   *
   * @return the rows, a copy
   */
  public double[][] currentFootprint() {
    return footprint.rows();
  }
}
