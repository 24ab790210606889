package dev.nanpin.signals;

import dev.nanpin.BarSeries;
import dev.nanpin.Signal;
import dev.nanpin.signals.internal.BarInput;
import dev.nanpin.SignalGenerator;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A volume profile over a rolling window of bars or over a session: each bar's volume is spread
 * evenly over its low-high range into price bins of a fixed logarithmic grid ({@code binWidth}
 * wide, as a fraction of price); the point of control (POC) is the heaviest bin; the value area
 * grows from the POC one bin at a time by the heavier neighbour until it holds {@code valueArea}
 * of the volume; a high-volume node (HVN) is a local maximum at least {@code hvnFactor} times the
 * mean occupied bin (outside the profile counting as empty), a low-volume node (LVN) a local
 * minimum at most {@code lvnFactor} times it, strictly between the outermost occupied bins.
 *
 * <p><b>Cost.</b> A bar entering (and one leaving) the window touches only the bins of its own
 * range; the POC, value area and nodes are found in one pass over the occupied bins. The work per
 * bar is therefore proportional to the number of occupied bins and independent of the window
 * length. The bins are rebuilt from the window once every {@code windowBars} bars so that
 * add-and-subtract rounding cannot accumulate. Nothing is allocated per bar except when the
 * reading changes, or when the price leaves the bin array's range (amortised).
 *
 * <p><b>Emits</b> a {@link VolumeProfileSignal} when the POC, the value-area bounds or the node
 * sets change, else {@code null} (or at every bar with {@code everyBar}, for consumers that judge
 * a signal's freshness by its age). The reading of bar {@code i} uses bars {@code 0..i} only.
 *
 * <p>Not thread-safe: one generator per series, called from one thread.
 */
public final class VolumeProfileGenerator implements SignalGenerator {
  /** The plugin id. */
  public static final String ID = "volume-profile";

  /** How the window is chosen. */
  public enum Mode {
    /** The last {@code windowBars} bars. */
    ROLLING,
    /** The bars since the start of the current session (UTC, {@code session} long). */
    SESSION
  }

  /** The parameters. */
  public static final ConfigSpec SPEC = ConfigSpec.builder()
      .enumParam("mode", Mode.class, Mode.ROLLING, "rolling: the last windowBars bars; session: since the session start")
      .intParam("windowBars", 100, 1, 1_000_000, "rolling mode: bars in the profile")
      .durationParam("session", Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofDays(3650),
          "session mode: session length, sessions aligned to the UTC epoch")
      .doubleParam("binWidth", 0.005, 0.00001, 0.5, "bin width as a fraction of price (log grid)")
      .doubleParam("valueArea", 0.70, 0.01, 1.0, "share of the volume in the value area")
      .doubleParam("hvnFactor", 1.5, 1.0, 1000, "an HVN is a local maximum at least this times the mean occupied bin")
      .doubleParam("lvnFactor", 0.5, 0.0, 1.0, "an LVN is a local minimum at most this times the mean occupied bin")
      .booleanParam("everyBar", false, "return a reading at every bar, not only when it changes")
      .build();

  private final Mode mode;
  private final int window;
  private final long sessionMillis;
  private final double logStep;
  private final double valueAreaTarget;
  private final double hvnFactor;
  private final double lvnFactor;
  private final boolean everyBar;

  // The window's bars (rolling mode: a ring of `window`; session mode: grows within a session).
  private double[] ringLow;
  private double[] ringHigh;
  private double[] ringVol;
  private int ringNext;
  private int ringSize;
  private int sinceRebuild;
  private long sessionId = Long.MIN_VALUE;

  // Dense bins: vol[k - base] is the volume of grid bin k.
  private double[] vol = new double[64];
  private int base;
  private boolean anyBin;
  private int lo;
  private int hi;

  private int lastBar = -1;
  private int pocBin;
  private int vaLoBin;
  private int vaHiBin;
  private double vaShare;
  private double total;
  private int[] hvn = new int[16];
  private int hvnCount;
  private int[] lvn = new int[16];
  private int lvnCount;
  private int[] prevHvn = new int[16];
  private int prevHvnCount = -1;
  private int[] prevLvn = new int[16];
  private int prevLvnCount = -1;
  private int prevPoc;
  private int prevVaLo;
  private int prevVaHi;

  /**
   * Creates a generator.
   *
   * @param config settings resolved against {@link #SPEC}
   */
  public VolumeProfileGenerator(PluginConfig config) {
    this.mode = config.getEnum("mode", Mode.class);
    this.window = config.getInt("windowBars");
    this.sessionMillis = config.getDuration("session").toMillis();
    this.logStep = Math.log1p(config.getDouble("binWidth"));
    this.valueAreaTarget = config.getDouble("valueArea");
    this.hvnFactor = config.getDouble("hvnFactor");
    this.lvnFactor = config.getDouble("lvnFactor");
    this.everyBar = config.getBoolean("everyBar");
    int cap = mode == Mode.ROLLING ? window : 64;
    ringLow = new double[cap];
    ringHigh = new double[cap];
    ringVol = new double[cap];
  }

  /**
   * Creates a generator from raw settings.
   *
   * @param settings keys of {@link #SPEC}
   * @return the generator
   */
  public static VolumeProfileGenerator of(Map<String, ?> settings) {
    return new VolumeProfileGenerator(SPEC.resolve(settings));
  }

  @Override
  public int warmUpBars() {
    return mode == Mode.ROLLING ? window : 0;
  }

  @Override
  public Signal onBar(BarSeries bars) {
    int i = BarInput.next(bars, lastBar);
    if (i < 0) {
      return null;
    }
    BarInput.check(bars, i);
    push(bars, i);
    lastBar = i;
    analyse();
    boolean changed = pocBin != prevPoc || vaLoBin != prevVaLo || vaHiBin != prevVaHi
        || !same(hvn, hvnCount, prevHvn, prevHvnCount) || !same(lvn, lvnCount, prevLvn, prevLvnCount);
    if ((!changed && !everyBar) || total <= 0) {
      return null;
    }
    prevPoc = pocBin;
    prevVaLo = vaLoBin;
    prevVaHi = vaHiBin;
    prevHvn = copyInto(prevHvn, hvn, hvnCount);
    prevHvnCount = hvnCount;
    prevLvn = copyInto(prevLvn, lvn, lvnCount);
    prevLvnCount = lvnCount;
    return new VolumeProfileSignal(Instant.ofEpochMilli(BarInput.closeMillis(bars, i)), i, centre(pocBin), lowerEdge(vaLoBin),
        lowerEdge(vaHiBin + 1), vaShare, total, centres(hvn, hvnCount), centres(lvn, lvnCount));
  }

  // ---- window and bins --------------------------------------------------------------------

  private void push(BarSeries bars, int j) {
    double low = bars.low(j);
    double high = bars.high(j);
    double v = bars.volume(j);
    if (mode == Mode.SESSION) {
      long s = Math.floorDiv(bars.timeMillis(j), sessionMillis);
      if (s != sessionId) {
        sessionId = s;
        ringSize = 0;
        ringNext = 0;
        clearBins();
      }
      if (ringSize == ringLow.length) {
        ringLow = java.util.Arrays.copyOf(ringLow, ringSize * 2);
        ringHigh = java.util.Arrays.copyOf(ringHigh, ringSize * 2);
        ringVol = java.util.Arrays.copyOf(ringVol, ringSize * 2);
      }
      ringLow[ringSize] = low;
      ringHigh[ringSize] = high;
      ringVol[ringSize] = v;
      ringSize++;
      spread(low, high, v);
      return;
    }
    if (ringSize == window) {
      spread(ringLow[ringNext], ringHigh[ringNext], -ringVol[ringNext]);
    } else {
      ringSize++;
    }
    ringLow[ringNext] = low;
    ringHigh[ringNext] = high;
    ringVol[ringNext] = v;
    ringNext = ringNext + 1 == window ? 0 : ringNext + 1;
    spread(low, high, v);
    if (++sinceRebuild >= window) {
      sinceRebuild = 0;
      rebuild();
    }
  }

  private void rebuild() {
    clearBins();
    // Oldest first, so a rebuilt profile does not depend on where the ring starts.
    int start = ringSize == window ? ringNext : 0;
    for (int n = 0; n < ringSize; n++) {
      int r = (start + n) % ringLow.length;
      spread(ringLow[r], ringHigh[r], ringVol[r]);
    }
  }

  private void clearBins() {
    if (anyBin) {
      java.util.Arrays.fill(vol, lo - base, hi - base + 1, 0.0);
    }
    anyBin = false;
  }

  private int bin(double price) {
    return (int) Math.floor(Math.log(price) / logStep);
  }

  private double lowerEdge(int k) {
    return Math.exp(k * logStep);
  }

  private double centre(int k) {
    return Math.exp((k + 0.5) * logStep);
  }

  /** Adds v (negative: removes) spread evenly over [low, high]. */
  private void spread(double low, double high, double v) {
    if (v == 0) {
      return;
    }
    int kLow = bin(low);
    int kHigh = bin(high);
    ensure(kLow, kHigh);
    if (kLow == kHigh) {
      vol[kLow - base] += v;
    } else {
      double perPrice = v / (high - low);
      for (int k = kLow; k <= kHigh; k++) {
        double a = k == kLow ? low : lowerEdge(k);
        double b = k == kHigh ? high : lowerEdge(k + 1);
        vol[k - base] += perPrice * (b - a);
      }
    }
    if (v > 0) {
      if (!anyBin) {
        lo = kLow;
        hi = kHigh;
        anyBin = true;
      } else {
        lo = Math.min(lo, kLow);
        hi = Math.max(hi, kHigh);
      }
    } else {
      // A bar left: clear the rounding residue of the bins it emptied and shrink the range.
      while (anyBin && lo <= hi && vol[lo - base] <= 1e-12 * Math.abs(v)) {
        vol[lo - base] = 0;
        lo++;
      }
      while (anyBin && hi >= lo && vol[hi - base] <= 1e-12 * Math.abs(v)) {
        vol[hi - base] = 0;
        hi--;
      }
      if (hi < lo) {
        anyBin = false;
      }
    }
  }

  private void ensure(int kLow, int kHigh) {
    if (kLow >= base && kHigh < base + vol.length) {
      return;
    }
    int from = anyBin ? Math.min(lo, kLow) : kLow;
    int to = anyBin ? Math.max(hi, kHigh) : kHigh;
    int span = to - from + 1;
    double[] grown = new double[Math.max(64, span * 2)];
    int newBase = from - (grown.length - span) / 2;
    if (anyBin) {
      System.arraycopy(vol, lo - base, grown, lo - newBase, hi - lo + 1);
    }
    vol = grown;
    base = newBase;
  }

  // ---- reading ----------------------------------------------------------------------------

  private void analyse() {
    total = 0;
    hvnCount = 0;
    lvnCount = 0;
    if (!anyBin) {
      return;
    }
    int poc = lo;
    int occupied = 0;
    for (int k = lo; k <= hi; k++) {
      double x = vol[k - base];
      total += x;
      if (x > vol[poc - base]) {
        poc = k;
      }
      if (x > 0) {
        occupied++;
      }
    }
    if (!(total > 0)) {
      return;
    }
    pocBin = poc;
    double target = valueAreaTarget * total;
    double inside = vol[poc - base];
    int a = poc;
    int b = poc;
    while (inside < target && (a > lo || b < hi)) {
      double up = b < hi ? vol[b + 1 - base] : -1;
      double down = a > lo ? vol[a - 1 - base] : -1;
      if (up >= down) {
        inside += up;
        b++;
      } else {
        inside += down;
        a--;
      }
    }
    vaLoBin = a;
    vaHiBin = b;
    vaShare = inside / total;
    double mean = total / occupied;
    for (int k = lo; k <= hi; k++) {
      // Outside the profile counts as empty: a heavy outermost bin is a node too, an LVN is not.
      double x = vol[k - base];
      double left = k > lo ? vol[k - 1 - base] : 0;
      double right = k < hi ? vol[k + 1 - base] : 0;
      if (x >= hvnFactor * mean && x >= left && x > right) {
        hvn = add(hvn, hvnCount++, k);
      } else if (k > lo && k < hi && x <= lvnFactor * mean && x <= left && x < right) {
        lvn = add(lvn, lvnCount++, k);
      }
    }
  }

  private static int[] add(int[] a, int at, int k) {
    int[] out = at < a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
    out[at] = k;
    return out;
  }

  private static int[] copyInto(int[] dst, int[] src, int n) {
    int[] out = dst.length >= n ? dst : new int[src.length];
    System.arraycopy(src, 0, out, 0, n);
    return out;
  }

  private static boolean same(int[] a, int na, int[] b, int nb) {
    if (na != nb) {
      return false;
    }
    for (int i = 0; i < na; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  private List<Double> centres(int[] bins, int n) {
    List<Double> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(centre(bins[i]));
    }
    return out;
  }

  // ---- inspection (tests, the CLI) ----------------------------------------------------------

  /** @return the volume of each occupied bin, lowest price first (a copy); empty before any volume */
  public double[] binVolumes() {
    return anyBin ? java.util.Arrays.copyOfRange(vol, lo - base, hi - base + 1) : new double[0];
  }

  /**
   * @return {@code {valueAreaLow, valueAreaHigh, poc}} as indexes into {@link #binVolumes()} of the
   *     latest bar, or an empty array before any volume
   */
  public int[] valueAreaBins() {
    return anyBin && total > 0 ? new int[] {vaLoBin - lo, vaHiBin - lo, pocBin - lo} : new int[0];
  }

  /** @return the target share of the value area */
  public double valueAreaTarget() {
    return valueAreaTarget;
  }
}
