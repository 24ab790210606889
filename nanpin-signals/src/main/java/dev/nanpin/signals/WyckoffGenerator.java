package dev.nanpin.signals;

import dev.nanpin.BarSeries;
import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.signals.internal.BarInput;
import dev.nanpin.signals.internal.RollingExtreme;
import dev.nanpin.signals.internal.RollingStats;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import java.time.Instant;
import java.util.Map;

/**
 * A Wyckoff phase detector: finds trading ranges after a climax and follows them through phases
 * A-E of accumulation or distribution, reporting each event with the bar that is its evidence.
 *
 * <h2>Inputs</h2>
 * <ul>
 *   <li><b>Swing pivots</b>: bar {@code j} is a swing high when its high is above the highs of the
 *       {@code pivotLeft} bars before it and at least the highs of the {@code pivotRight} bars after
 *       it (a swing low likewise). A pivot is only known {@code pivotRight} bars later and is
 *       reported then, never back-dated.</li>
 *   <li><b>Volume regime</b>: {@code ratio = SMA(volume, volumeShort) / SMA(volume, volumeLong)};
 *       climax when {@code ratio >= climaxRatio}, dry-up when {@code ratio <= dryUpRatio}.</li>
 *   <li><b>Trend</b>: the close against its {@code trendBars} average; a new low (high) is a low
 *       under the lowest low (above the highest high) of the {@code extremeBars} bars before.</li>
 * </ul>
 *
 * <h2>The cycle (accumulation; distribution is its mirror)</h2>
 * <ol>
 *   <li>Without a range, a new low with {@code ratio >= psRatio} in a downtrend is a PS.</li>
 *   <li>A new low on climax volume in a downtrend is the SC: phase A, the range's support is its
 *       low (lower lows on climax volume extend it).</li>
 *   <li>The first swing high confirmed after the SC is the AR: it sets the resistance; phase B.</li>
 *   <li>In B and C, a swing low within {@code retestTolerance * height} of the support on less than
 *       climax volume is an ST. Swing highs above the resistance and swing lows below the support
 *       widen the range (it only widens).</li>
 *   <li>A close below {@code support - breakoutTolerance * height} starts an excursion. Back above
 *       the support within {@code springBars} bars: a SPRING (phase C) if the excursion began on
 *       climax volume; otherwise the support widens to the excursion's low. Not back in time: the
 *       range failed, a SOW is reported and the range is dropped. (Distribution: the excursion is
 *       above the resistance; back inside it is a UTAD (phase C) when it began on dry-up volume, a
 *       UT otherwise; a failure is reported as a SOS.)</li>
 *   <li>A close above {@code resistance + breakoutTolerance * height} with {@code ratio >=
 *       breakoutVolume} in B or C is the SOS: phase D.</li>
 *   <li>In D, a swing low above the middle of the range is an LPS; a close back under the support
 *       drops the range.</li>
 *   <li>After an LPS, a close above the SOS bar's high starts phase E (markup). Phase E lasts until
 *       the close falls back under the support, {@code maxRangeBars} pass, or a new climax starts
 *       another range. Phases A-D also end after {@code maxRangeBars} bars.</li>
 * </ol>
 * ta4j's {@code indicators.wyckoff} package flags events bar by bar from the same inputs; this
 * detector instead keeps one range at a time and moves through the phases in order, which is what
 * a ladder gate needs ("accumulation phase B-D").
 *
 * <p><b>Cost and output.</b> O(pivotLeft + pivotRight) per bar, no allocation except when a
 * {@link WyckoffSignal} is returned: when an event is found, or the bias, phase or range changed
 * (or at every bar with {@code everyBar}, for consumers that judge a signal's freshness by its
 * age, such as the {@code nanpin} strategy's {@code signalMaxAge}).
 * The reading of bar {@code i} uses bars {@code 0..i} only.
 *
 * <p>Not thread-safe: one generator per series, called from one thread.
 */
public final class WyckoffGenerator implements SignalGenerator {
  /** The plugin id. */
  public static final String ID = "wyckoff";

  /** The parameters. */
  public static final ConfigSpec SPEC = ConfigSpec.builder()
      .intParam("pivotLeft", 3, 1, 100, "bars left of a swing pivot it must exceed")
      .intParam("pivotRight", 3, 1, 100, "bars right of a swing pivot (the confirmation delay)")
      .intParam("volumeShort", 1, 1, 1000, "short volume average (bars)")
      .intParam("volumeLong", 20, 2, 10_000, "long volume average (bars)")
      .doubleParam("climaxRatio", 2.0, 1.0, 100, "short/long volume ratio at or above which volume is a climax")
      .doubleParam("dryUpRatio", 0.6, 0.0, 1.0, "short/long volume ratio at or below which volume dries up")
      .doubleParam("psRatio", 1.4, 1.0, 100, "short/long volume ratio of a preliminary support/supply")
      .doubleParam("breakoutVolume", 1.0, 0.0, 100, "least short/long volume ratio of a SOS/SOW")
      .intParam("trendBars", 50, 2, 10_000, "bars of the close average that sets the trend context")
      .intParam("extremeBars", 50, 2, 10_000, "bars before a bar whose low/high it must break to be a new extreme")
      .doubleParam("breakoutTolerance", 0.02, 0.0, 1.0, "a close beyond the range by this share of its height breaks out")
      .doubleParam("retestTolerance", 0.05, 0.0, 1.0, "a swing within this share of the height of a bound tests it")
      .intParam("springBars", 5, 1, 1000, "bars an excursion beyond the range has to get back inside")
      .intParam("maxRangeBars", 400, 10, 1_000_000, "bars after which a range (or its phase E) is dropped")
      .booleanParam("everyBar", false, "return a reading at every bar, not only when it changes")
      .build();

  private static final int NO = -1;
  private static final WyckoffEvent[] EVENTS = WyckoffEvent.values();

  private final int left;
  private final int right;
  private final double climaxRatio;
  private final double dryUpRatio;
  private final double psRatio;
  private final double breakoutVolume;
  private final int extremeBars;
  private final double breakoutTol;
  private final double retestTol;
  private final int springBars;
  private final int maxRangeBars;
  private final boolean everyBar;

  private final int span;
  private final int volumeLongBars;
  private final int trendBars;
  private final double[] ringHigh;
  private final double[] ringLow;
  private final double[] ringRatio;
  private final RollingStats volShort;
  private final RollingStats volLong;
  private final RollingStats trend;
  private final RollingExtreme lowestLow;
  private final RollingExtreme highestHigh;
  private int lastBar = -1;

  // The range, in "y" coordinates: y = price for accumulation, y = -price for distribution, so
  // that both are followed by one set of rules (support below, resistance above).
  private int dir;
  private WyckoffPhase phase = WyckoffPhase.NONE;
  private int phaseBar = NO;
  private int cycleStart = NO;
  private int climaxBar = NO;
  private int arBar = NO;
  private int springBar = NO;
  private int sosBar = NO;
  private int lpsBar = NO;
  private int pendingBar = NO;
  private boolean pendingClimax;
  private boolean pendingDry;
  private double pendingLowY;
  private double supY = Double.NaN;
  private double resY = Double.NaN;
  private double sosHighY;

  private int event;
  private int eventBar;
  private int prevDir;
  private WyckoffPhase prevPhase = WyckoffPhase.NONE;
  private double prevSup = Double.NaN;
  private double prevRes = Double.NaN;

  /**
   * Creates a detector.
   *
   * @param config settings resolved against {@link #SPEC}
   */
  public WyckoffGenerator(PluginConfig config) {
    this.left = config.getInt("pivotLeft");
    this.right = config.getInt("pivotRight");
    this.climaxRatio = config.getDouble("climaxRatio");
    this.dryUpRatio = config.getDouble("dryUpRatio");
    this.psRatio = config.getDouble("psRatio");
    this.breakoutVolume = config.getDouble("breakoutVolume");
    this.extremeBars = config.getInt("extremeBars");
    this.breakoutTol = config.getDouble("breakoutTolerance");
    this.retestTol = config.getDouble("retestTolerance");
    this.springBars = config.getInt("springBars");
    this.maxRangeBars = config.getInt("maxRangeBars");
    this.everyBar = config.getBoolean("everyBar");
    this.span = left + right + 1;
    this.volumeLongBars = config.getInt("volumeLong");
    this.trendBars = config.getInt("trendBars");
    this.ringHigh = new double[span];
    this.ringLow = new double[span];
    this.ringRatio = new double[span];
    this.volShort = new RollingStats(config.getInt("volumeShort"));
    this.volLong = new RollingStats(volumeLongBars);
    this.trend = new RollingStats(trendBars);
    this.lowestLow = new RollingExtreme(extremeBars, false);
    this.highestHigh = new RollingExtreme(extremeBars, true);
  }

  /**
   * Creates a detector from raw settings.
   *
   * @param settings keys of {@link #SPEC}
   * @return the detector
   */
  public static WyckoffGenerator of(Map<String, ?> settings) {
    return new WyckoffGenerator(SPEC.resolve(settings));
  }

  @Override
  public int warmUpBars() {
    return Math.max(Math.max(extremeBars, span), Math.max(volumeLongBars, trendBars));
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
    volShort.push(v);
    volLong.push(v);
    trend.push(c);
    double ratio = volLong.full() && volLong.mean() > 0 ? volShort.mean() / volLong.mean() : Double.NaN;
    boolean climax = ratio >= climaxRatio;
    boolean dry = ratio <= dryUpRatio;
    int slot = i % span;
    ringHigh[slot] = h;
    ringLow[slot] = l;
    ringRatio[slot] = ratio;
    boolean down = trend.full() && c < trend.mean();
    boolean up = trend.full() && c > trend.mean();
    boolean newLow = lowestLow.count() >= extremeBars && l < lowestLow.value();
    boolean newHigh = highestHigh.count() >= extremeBars && h > highestHigh.value();
    lowestLow.push(l);
    highestHigh.push(h);

    event = NO;
    eventBar = NO;
    if (dir != 0) {
      follow(i, h, l, c, climax, dry, ratio);
    }
    if (dir == 0 || phase == WyckoffPhase.E) {
      if (down && newLow && climax) {
        start(1, i, l);
      } else if (up && newHigh && climax) {
        start(-1, i, -h);
      } else if (dir == 0 && down && newLow && ratio >= psRatio) {
        report(WyckoffEvent.PS.ordinal(), i);
      } else if (dir == 0 && up && newHigh && ratio >= psRatio) {
        report(WyckoffEvent.PSY.ordinal(), i);
      }
    }
    boolean changed = dir != prevDir || phase != prevPhase || !sameNumber(supY, prevSup) || !sameNumber(resY, prevRes);
    if (event == NO && !changed && !everyBar) {
      return null;
    }
    prevDir = dir;
    prevPhase = phase;
    prevSup = supY;
    prevRes = resY;
    double rangeLow = dir > 0 ? supY : dir < 0 ? -resY : Double.NaN;
    double rangeHigh = dir > 0 ? resY : dir < 0 ? -supY : Double.NaN;
    WyckoffBias bias = dir > 0 ? WyckoffBias.ACCUMULATION : dir < 0 ? WyckoffBias.DISTRIBUTION : WyckoffBias.NONE;
    return new WyckoffSignal(Instant.ofEpochMilli(BarInput.closeMillis(bars, i)), i, bias, phase, phaseBar,
        event == NO ? null : EVENTS[event], eventBar, rangeLow, rangeHigh, ratio, climaxBar, springBar);
  }

  private static boolean sameNumber(double a, double b) {
    return Double.compare(a, b) == 0;
  }

  private void report(int e, int evidence) {
    event = e;
    eventBar = evidence;
  }

  private void report(WyckoffEvent accumulation, WyckoffEvent distribution, int evidence) {
    report((dir > 0 ? accumulation : distribution).ordinal(), evidence);
  }

  private void start(int d, int i, double lowY) {
    reset();
    dir = d;
    phase = WyckoffPhase.A;
    phaseBar = i;
    cycleStart = i;
    climaxBar = i;
    supY = lowY;
    report(WyckoffEvent.SC, WyckoffEvent.BC, i);
  }

  private void reset() {
    dir = 0;
    phase = WyckoffPhase.NONE;
    phaseBar = NO;
    cycleStart = NO;
    climaxBar = NO;
    arBar = NO;
    springBar = NO;
    sosBar = NO;
    lpsBar = NO;
    pendingBar = NO;
    supY = Double.NaN;
    resY = Double.NaN;
  }

  private void enter(WyckoffPhase p, int evidence) {
    phase = p;
    phaseBar = evidence;
  }

  /** One bar of the range being followed, in y coordinates. */
  private void follow(int i, double h, double l, double c, boolean climax, boolean dry, double ratio) {
    double yLow = dir > 0 ? l : -h;
    double yHigh = dir > 0 ? h : -l;
    double yClose = dir * c;
    int j = i - right;
    boolean pivots = i >= span - 1;
    boolean pivotLowY = pivots && (dir > 0 ? swingLow(j) : swingHigh(j));
    boolean pivotHighY = pivots && (dir > 0 ? swingHigh(j) : swingLow(j));
    double pivotLowValue = dir > 0 ? ringLow[j % span] : -ringHigh[j % span];
    double pivotHighValue = dir > 0 ? ringHigh[j % span] : -ringLow[j % span];

    if (phase == WyckoffPhase.E) {
      if (yClose < supY || i - phaseBar > maxRangeBars) {
        reset();
      }
      return;
    }
    if (i - cycleStart > maxRangeBars) {
      reset();
      return;
    }
    if (phase == WyckoffPhase.A) {
      if (yLow < supY) {
        supY = yLow;
        if (climax) {
          climaxBar = i;
          phaseBar = i;
          report(WyckoffEvent.SC, WyckoffEvent.BC, i);
        }
      }
      if (pivotHighY && j > climaxBar) {
        resY = pivotHighValue;
        arBar = j;
        enter(WyckoffPhase.B, j);
        report(WyckoffEvent.AR, WyckoffEvent.AR, j);
      }
      return;
    }
    double height = resY - supY;
    boolean testing = phase == WyckoffPhase.B || phase == WyckoffPhase.C;
    if (pendingBar != NO) {
      pendingLowY = Math.min(pendingLowY, yLow);
      if (yClose > supY) {
        if (dir > 0 ? pendingClimax : pendingDry) {
          springBar = pendingBar;
          enter(WyckoffPhase.C, pendingBar);
          report(WyckoffEvent.SPRING, WyckoffEvent.UTAD, pendingBar);
        } else if (dir < 0) {
          report(WyckoffEvent.UT.ordinal(), pendingBar);
        } else {
          supY = pendingLowY; // a shakeout without climax volume: the range widens
        }
        pendingBar = NO;
      } else if (i - pendingBar >= springBars) {
        report(WyckoffEvent.SOW, WyckoffEvent.SOS, pendingBar);
        reset();
      }
      return;
    }
    if (testing && yClose < supY - breakoutTol * height) {
      pendingBar = i;
      pendingClimax = climax;
      pendingDry = dry;
      pendingLowY = yLow;
      return;
    }
    if (testing && yClose > resY + breakoutTol * height && ratio >= breakoutVolume) {
      sosBar = i;
      sosHighY = yHigh;
      enter(WyckoffPhase.D, i);
      report(WyckoffEvent.SOS, WyckoffEvent.SOW, i);
      return;
    }
    if (testing) {
      if (pivotLowY && j > arBar) {
        boolean springLow = springBar != NO && j >= springBar && j <= springBar + springBars;
        if (Math.abs(pivotLowValue - supY) <= retestTol * height && ringRatio[j % span] < climaxRatio) {
          report(WyckoffEvent.ST.ordinal(), j);
        } else if (pivotLowValue < supY && !springLow) {
          supY = pivotLowValue;
        }
      }
      if (pivotHighY && j > arBar && pivotHighValue > resY) {
        resY = pivotHighValue;
      }
      return;
    }
    // Phase D.
    if (yClose < supY) {
      reset();
      return;
    }
    if (pivotLowY && j > sosBar && pivotLowValue > supY + 0.5 * height) {
      lpsBar = j;
      report(WyckoffEvent.LPS, WyckoffEvent.LPSY, j);
    }
    if (lpsBar != NO && yClose > sosHighY) {
      enter(WyckoffPhase.E, i);
    }
  }

  private boolean swingHigh(int j) {
    double x = ringHigh[j % span];
    for (int k = j - left; k < j; k++) {
      if (!(ringHigh[k % span] < x)) {
        return false;
      }
    }
    for (int k = j + 1; k <= j + right; k++) {
      if (ringHigh[k % span] > x) {
        return false;
      }
    }
    return true;
  }

  private boolean swingLow(int j) {
    double x = ringLow[j % span];
    for (int k = j - left; k < j; k++) {
      if (!(ringLow[k % span] > x)) {
        return false;
      }
    }
    for (int k = j + 1; k <= j + right; k++) {
      if (ringLow[k % span] < x) {
        return false;
      }
    }
    return true;
  }
}
