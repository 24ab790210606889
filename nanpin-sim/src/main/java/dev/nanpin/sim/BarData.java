package dev.nanpin.sim;

import dev.nanpin.Bar;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, column-oriented series of bars: one primitive array per field, which is what
 * the simulator's hot loop reads. Build it from arrays ({@link #of}), from {@link Bar} records
 * ({@link #fromBars}), from a CSV file ({@link CsvBars}), from any {@link DataSource} that answers
 * {@link DataQuery.History} ({@link #fromDataSource}), or from the GBM recipe ({@link
 * GbmReference}).
 *
 * <p>Every bar is validated on construction: prices finite and {@code > 0}, {@code high >=
 * max(open, close)}, {@code low <= min(open, close)}, volume {@code >= 0}, times strictly
 * increasing. Gaps (a time step longer than the shortest step of the series) are allowed and
 * counted, not filled.
 *
 * <p>As a {@link dev.nanpin.BarSeries} it shows every bar: the whole history, for code that
 * replays it bar by bar (e.g. into a growing {@link dev.nanpin.BarColumns}).
 *
 * <p>The arrays are copied in and never handed out, so an instance is immutable and safe to share
 * between threads (a Monte Carlo run can drive many engines over one series), and serialisable:
 * a runner in another process ships it once to every worker (on Spark, as one broadcast).
 */
public final class BarData implements java.io.Serializable, dev.nanpin.BarSeries {
  private static final long serialVersionUID = 1L;

  private final long[] time;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final double[] volume;
  private final long interval;
  private final int gaps;
  private final long missingBars;

  private BarData(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume) {
    int n = time.length;
    if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
      throw new IllegalArgumentException("columns differ in length: time %d, open %d, high %d, low %d, close %d, volume %d"
          .formatted(n, open.length, high.length, low.length, close.length, volume.length));
    }
    // One pass without branches over every bar, as a Monte Carlo run wraps every path it
    // generates (the per-bar check with its branches, and a pass each for the step and the gaps,
    // cost a sixth of a path's time): the rules of problem() and strictly increasing times, and
    // the shortest and longest step. With low > 0, high finite and low <= min(open, close) <=
    // max(open, close) <= high, every price is finite and > 0; a NaN fails every comparison.
    boolean ok = n == 0 || valid(open[0], high[0], low[0], close[0], volume[0]);
    long minStep = Long.MAX_VALUE;
    long maxStep = Long.MIN_VALUE;
    for (int i = 1; i < n; i++) {
      long d = time[i] - time[i - 1];
      ok &= valid(open[i], high[i], low[i], close[i], volume[i]) & time[i] > time[i - 1];
      minStep = Math.min(minStep, d);
      maxStep = Math.max(maxStep, d);
    }
    if (!ok) {
      // find the culprit, with the per-bar check's words
      for (int i = 0; i < n; i++) {
        String problem = problem(open[i], high[i], low[i], close[i], volume[i]);
        if (problem != null) {
          throw new IllegalArgumentException("bar " + i + ": " + problem);
        }
        if (i > 0 && time[i] <= time[i - 1]) {
          throw new IllegalArgumentException("bar %d: time %s is not after the previous bar's %s"
              .formatted(i, Instant.ofEpochMilli(time[i]), Instant.ofEpochMilli(time[i - 1])));
        }
      }
      throw new IllegalStateException("the one-pass bar check and the per-bar check disagree");
    }
    this.time = time;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.volume = volume;
    long step = minStep;
    this.interval = n < 2 ? 0 : step;
    int g = 0;
    long missing = 0;
    for (int i = 1; i < n && maxStep > minStep; i++) {
      long d = time[i] - time[i - 1];
      if (d > step) {
        g++;
        missing += d / step - 1;
      }
    }
    this.gaps = g;
    this.missingBars = missing;
  }

  /** {@link #problem}'s rules without branches: whether it would find none. */
  private static boolean valid(double o, double h, double l, double c, double v) {
    return l > 0 & h < Double.POSITIVE_INFINITY & l <= o & l <= c & h >= o & h >= c
        & v >= 0 & v < Double.POSITIVE_INFINITY;
  }

  /**
   * Checks one bar's values.
   *
   * @return a reason for a person, or {@code null} if the bar is valid
   */
  static String problem(double o, double h, double l, double c, double v) {
    return dev.nanpin.BarCsv.problem(o, h, l, c, v);
  }

  /**
   * Builds a series from columns; the arrays are copied.
   *
   * @param timeMillis bar open times, epoch milliseconds, strictly increasing
   * @param open open prices
   * @param high high prices
   * @param low low prices
   * @param close close prices
   * @param volume volumes in base units
   * @return the series
   * @throws IllegalArgumentException naming the bar index if a bar is invalid or the columns differ in length
   */
  public static BarData of(long[] timeMillis, double[] open, double[] high, double[] low, double[] close,
      double[] volume) {
    return new BarData(timeMillis.clone(), open.clone(), high.clone(), low.clone(), close.clone(), volume.clone());
  }

  /** Builds a series from arrays the caller hands over and will not touch again. */
  /** A deserialised copy is validated like any other: it goes through {@link #of}. */
  private Object readResolve() {
    return of(time, open, high, low, close, volume);
  }

  static BarData wrap(long[] timeMillis, double[] open, double[] high, double[] low, double[] close, double[] volume) {
    return new BarData(timeMillis, open, high, low, close, volume);
  }

  /**
   * Builds a series from bar records (converted to {@code double}).
   *
   * @param bars the bars, in strictly increasing time
   * @return the series
   * @throws IllegalArgumentException if the times are not strictly increasing
   */
  public static BarData fromBars(List<Bar> bars) {
    Objects.requireNonNull(bars, "bars");
    dev.nanpin.BarColumns cols = new dev.nanpin.BarColumns(Math.max(1, bars.size()));
    for (int i = 0; i < bars.size(); i++) {
      if (!cols.append(bars.get(i))) {
        throw new IllegalArgumentException("bar %d: time %s is not after the previous bar's %s"
            .formatted(i, bars.get(i).time(), bars.get(i - 1).time()));
      }
    }
    return cols.columns(BarData::wrap);
  }

  /**
   * Fetches bars from a data source.
   *
   * @param source a source that supports {@link DataQuery.History}
   * @param query the history query
   * @return the series
   * @throws dev.nanpin.DataException if the source cannot answer (see {@link DataSource#fetch})
   */
  public static BarData fromDataSource(DataSource source, DataQuery.History query) {
    DataResult<List<Bar>> result = source.fetch(query);
    return fromBars(result.value());
  }

  /** @return the number of bars */
  public int size() {
    return time.length;
  }

  /**
   * @param i the bar index
   * @return the bar's open time in epoch milliseconds
   */
  public long timeMillis(int i) {
    return time[i];
  }

  /**
   * @param i the bar index
   * @return the open price
   */
  public double open(int i) {
    return open[i];
  }

  /**
   * @param i the bar index
   * @return the high price
   */
  public double high(int i) {
    return high[i];
  }

  /**
   * @param i the bar index
   * @return the low price
   */
  public double low(int i) {
    return low[i];
  }

  /**
   * @param i the bar index
   * @return the close price
   */
  public double close(int i) {
    return close[i];
  }

  /**
   * @param i the bar index
   * @return the volume
   */
  public double volume(int i) {
    return volume[i];
  }

  /** @return the shortest time step between two bars in milliseconds, {@code 0} for fewer than two bars */
  public long intervalMillis() {
    return interval;
  }

  /** @return the number of holes: time steps longer than {@link #intervalMillis()} */
  public int gaps() {
    return gaps;
  }

  /** @return the number of bars the holes would hold at {@link #intervalMillis()} spacing */
  public long missingBars() {
    return missingBars;
  }

  /**
   * The data fingerprint of the benchmark workloads: FNV-1a-style over the raw bits of open,
   * high, low and close of every bar, continuing from {@code h}.
   *
   * @param h the running hash ({@code 0xcbf29ce484222325L} to start)
   * @return the updated hash
   */
  public long fingerprint(long h) {
    for (int i = 0; i < time.length; i++) {
      h = (h ^ Double.doubleToRawLongBits(open[i])) * 0x100000001b3L;
      h = (h ^ Double.doubleToRawLongBits(high[i])) * 0x100000001b3L;
      h = (h ^ Double.doubleToRawLongBits(low[i])) * 0x100000001b3L;
      h = (h ^ Double.doubleToRawLongBits(close[i])) * 0x100000001b3L;
    }
    return h;
  }

  /** @return the fingerprint of this series alone, as a 16-digit hex string */
  public String fingerprint() {
    return String.format("%016x", fingerprint(0xcbf29ce484222325L));
  }

  // Package-private raw access for the engine; the arrays are never modified.
  long[] timeArray() {
    return time;
  }

  double[] openArray() {
    return open;
  }

  double[] highArray() {
    return high;
  }

  double[] lowArray() {
    return low;
  }

  double[] closeArray() {
    return close;
  }

  double[] volumeArray() {
    return volume;
  }

  @Override
  public String toString() {
    return time.length == 0 ? "BarData[0 bars]" : "BarData[%d bars, %s .. %s, %d gaps]"
        .formatted(time.length, Instant.ofEpochMilli(time[0]), Instant.ofEpochMilli(time[time.length - 1]), gaps);
  }
}
