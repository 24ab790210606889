package dev.nanpin.strategy;

import static dev.nanpin.internal.Checks.notNull;

import dev.nanpin.AccountView;
import dev.nanpin.BarSeries;
import dev.nanpin.ConfigException;
import dev.nanpin.Execution;
import dev.nanpin.InstrumentKind;
import dev.nanpin.LiquidationCluster;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.MacroRegime;
import dev.nanpin.OrderType;
import dev.nanpin.Sentiment;
import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.SignalView;
import dev.nanpin.Sizing;
import dev.nanpin.Stateful;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.internal.RollingMax;
import dev.nanpin.internal.RollingMean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nanpin ladder: buys a long position in up to {@code levels} steps as the price falls, each
 * step larger than the last, and sells it all once the price comes back above the average entry.
 *
 * <h2>How it trades</h2>
 * <ul>
 *   <li><b>Start.</b> When flat and every entry gate is open (drawdown from the recent high, Fear
 *       &amp; Greed, days since the all-time high, capital in use), a ladder is laid out. In
 *       {@link LevelMode#STEP} mode level 1 is a market buy at the bar close (the base order) and
 *       level {@code k} rests as a limit buy {@code step * stepScale^(k-2)} below level {@code k-1};
 *       a level filled below its price (a gap) re-anchors the levels under it. In {@link
 *       LevelMode#FIBONACCI} mode every retracement level under the close whose significance score
 *       reaches {@code minLevelScore} rests as a limit buy.</li>
 *   <li><b>Size.</b> Every entry is sized {@link Sizing#SIZER} with amount {@code
 *       volumeScale^(k-1) * macro}, so the engine's sizer chain gives the base size; {@code macro}
 *       is the {@link MacroRegime} multiplier clamped to {@code [macroMin, macroMax]}, or 1.</li>
 *   <li><b>Cooldown.</b> With a cooldown set, the remaining levels are pulled after each entry
 *       fill and re-armed after {@code cooldown * step / drop}, clamped to {@code [cooldownMin,
 *       cooldownMax]}, where {@code drop} is the fall since the last fill: a deep fall shortens
 *       the pause, a shallow one lengthens it.</li>
 *   <li><b>Exits</b>, all measured from the average entry, never the first entry. The take-profit
 *       rests as a reduce-only limit sell at {@code average * (1 + takeProfit)} and is re-placed
 *       after each entry fill. The rule-based exits are checked at the bar close, in this order,
 *       and sell the position with a reduce-only market order: (1) the emergency dump (loss beyond
 *       {@code emergencyLoss} with volume under {@code emergencyVolumeRatio} of its average),
 *       which may fire during the minimum hold; then, once {@code minHold} has passed since the
 *       first entry, (2) the stop-loss, (3) the trailing take-profit (armed when the bar high
 *       reaches {@code trailingArm} over the average, exits on a {@code trailingPullback} fall of
 *       the close from the peak high), (4) volume exhaustion (profit of at least {@code
 *       exhaustionProfit} with volume under {@code exhaustionVolumeRatio} of its average). The
 *       take-profit order is only placed once the minimum hold has passed.</li>
 *   <li><b>Permanent mode</b> never sells: once the cooldown (or {@code cooldownMax} when the
 *       cooldown is off) has passed since the last fill and the price is back above that fill,
 *       or the ladder is used up, the ladder re-anchors at the current price and keeps
 *       accumulating.</li>
 *   <li><b>Signals.</b> Without data signals the strategy runs on prices alone. With them: a
 *       {@link MacroRegime} scales the size, a {@link Sentiment} of the Fear &amp; Greed index
 *       feeds the {@code maxFearGreed} gate, and {@link LiquidationClusters} move a level to just
 *       above a large cluster of long liquidations within {@code liqClusterDistance} of it.
 *       Signals older than {@code signalMaxAge} are ignored.</li>
 *   <li><b>Signal gates.</b> Any signal that implements {@link SignalView} (the Wyckoff, order-flow
 *       and volume-profile generators of {@code nanpin-signals}, for example) can be used without
 *       changing this class: {@code entryGate} is a {@link SignalGate} expression over their fields
 *       that must hold to start a ladder and to place its levels; while it does not, the unfilled
 *       levels are pulled, and they are placed again once it holds. {@code levelSnap} moves each
 *       limit level to the nearest {@link SignalView#priceLevels() price level} of a signal (a high-volume
 *       node) within that fraction of its price, keeping the levels in order and under the close.</li>
 * </ul>
 *
 * <p>On a perpetual the strategy states {@link #leverageCeiling()} from the configuration and
 * exits with reduce-only orders. Volume averages cover the {@code volumeAverageBars} bars before
 * the current one; the volume exits stay silent until that many bars have been seen.
 *
 * <p>Per-bar work is O(1) amortised and allocates nothing: the recent high and the average
 * volume are running windows over primitive arrays allocated once. Work proportional to the
 * lookback (a Fibonacci ladder's scoring) happens only when a ladder is laid out.
 *
 * <p>The ladder (levels, reference, fills, cooldown timers, trailing peak) is {@link Stateful};
 * after a restore the strategy cancels its resting orders and places them again from the saved
 * levels on the next bar. Not thread-safe: the engine calls it from one thread.
 */
public final class NanpinStrategy implements Strategy, Stateful {
  /** The tag of the resting take-profit order ({@link dev.nanpin.ExitReason#TAKE_PROFIT}'s). Entry orders are tagged with their 1-based level. */
  public static final int TAKE_PROFIT_TAG = 1_000;
  /**
   * The tag of a rule-based exit order that names no rule ({@link dev.nanpin.ExitReason#STRATEGY_EXIT}'s);
   * this strategy tags each exit with its rule's reason ({@link ExitReason#reported()}).
   */
  public static final int EXIT_TAG = 1_001;

  /** Why the last position was closed. */
  public enum ExitReason {
    /** The resting take-profit filled. */
    TAKE_PROFIT(dev.nanpin.ExitReason.TAKE_PROFIT),
    /** The trailing take-profit fired. */
    TRAILING(dev.nanpin.ExitReason.TRAILING_STOP),
    /** The stop-loss fired. */
    STOP_LOSS(dev.nanpin.ExitReason.STOP_LOSS),
    /** Volume exhaustion after a profit. */
    VOLUME_EXHAUSTION(dev.nanpin.ExitReason.VOLUME_EXHAUSTION),
    /** Emergency dump: a loss with collapsed volume. */
    EMERGENCY(dev.nanpin.ExitReason.EMERGENCY);

    private final dev.nanpin.ExitReason reported;

    ExitReason(dev.nanpin.ExitReason reported) {
      this.reported = reported;
    }

    /** @return the reason reports give the exit, whose tag the exit order carries */
    public dev.nanpin.ExitReason reported() {
      return reported;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(NanpinStrategy.class);
  private static final byte NOT_PLACED = 0;
  private static final byte RESTING = 1;
  private static final byte FILLED = 2;
  private static final byte SKIPPED = 3;
  private static final double EPS_QTY = 1e-12;
  private static final long NONE = Long.MIN_VALUE;
  private static final long DAY_MILLIS = 86_400_000L;
  private static final int STATE_VERSION = 1;

  private final NanpinConfig cfg;
  private final boolean fib;
  private final int n;
  private final double[] levelPrice;
  private final double[] levelScore;
  private final int[] levelOrder;
  private final byte[] levelState;
  private final RollingMax recentHigh;
  private final RollingMean volumeMean;
  /** Whether a gate reads the recent high or the all-time high. */
  private final boolean trackHighs;
  /** Whether an exit reads the average volume. */
  private final boolean trackVolume;
  /**
   * Settings read on every bar, converted once: with the reads in {@code checkExits} that no
   * configured exit needs, {@code Duration.toMillis} on every bar took the engine and strategy's
   * time per Monte Carlo path from 245 to 290 us.
   */
  private final long minHoldMillis;
  private final boolean cooldownOn;
  private final boolean exitsEnabled;
  private final boolean pnlExits;

  private int processedHighs = -1;
  private int processedVolumes = -1;
  private double athPrice = Double.NaN;
  private long athMillis = NONE;

  private boolean active;
  private double reference = Double.NaN;
  private long builtMillis = NONE;
  private int filledLevels;
  private long positionOpenMillis = NONE;
  private double lastFillPrice = Double.NaN;
  private long lastFillMillis = NONE;
  private boolean coolingDown;
  private int tpOrder = -1;
  private boolean tpSubmitting;
  private boolean tpRefused;
  private boolean trailArmed;
  private double trailPeak;
  private boolean exiting;
  private boolean restored;
  /** False only while no level is {@code NOT_PLACED}: every change to that state sets it. */
  private boolean mayHaveUnplaced = true;
  private ExitReason lastExitReason;
  private double fearGreed = Double.NaN;
  private long fearGreedMillis = NONE;
  /** The entry gate over signal fields; {@link SignalGate#ALWAYS} when none is configured. */
  private final SignalGate gate;
  /** The latest {@link SignalView} of each source, for the gate and level snapping. */
  private final Map<String, SignalView> views = new HashMap<>();
  private final SignalGate.Signals freshViews = this::freshView;
  private long viewsNow = NONE;

  /**
   * Creates the strategy.
   *
   * @param config the settings
   */
  public NanpinStrategy(NanpinConfig config) {
    this.cfg = notNull(config, "config");
    this.fib = config.levelMode() == LevelMode.FIBONACCI;
    this.n = config.maxLevels();
    this.levelPrice = new double[n];
    this.levelScore = new double[n];
    this.levelOrder = new int[n];
    this.levelState = new byte[n];
    this.recentHigh = new RollingMax(config.highLookbackBars());
    this.volumeMean = new RollingMean(config.volumeAverageBars());
    this.trackHighs = on(config.minDrawdown()) || on(config.minDaysSinceAth());
    this.trackVolume = on(config.emergencyLoss()) || on(config.exhaustionProfit());
    this.gate = SignalGate.parse(config.entryGate());
    this.minHoldMillis = config.minHold().toMillis();
    this.cooldownOn = !config.cooldown().isZero();
    this.exitsEnabled = config.exitsEnabled();
    this.pnlExits = trackVolume || on(config.stopLoss());
    clearLevels();
  }

  /** @return the settings */
  public NanpinConfig config() {
    return cfg;
  }

  @Override
  public double leverageCeiling() {
    return cfg.leverage();
  }

  @Override
  public int maxEntries() {
    return n;
  }

  /** @return whether a ladder is laid out (waiting for, or holding, entries) */
  public boolean ladderActive() {
    return active;
  }

  /** @return a copy of the current level prices, highest first; {@code NaN} where no level is laid out */
  public double[] levelPrices() {
    return levelPrice.clone();
  }

  /** @return a copy of the significance scores of the Fibonacci levels ({@code NaN} in step mode) */
  public double[] levelScores() {
    return levelScore.clone();
  }

  /** @return the number of levels filled in the current ladder */
  public int filledLevels() {
    return filledLevels;
  }

  /** @return the reference price of the ladder: the entry (step mode) or the swing high (Fibonacci), NaN when none */
  public double referencePrice() {
    return reference;
  }

  /** @return why the last position was closed, or {@code null} if none was */
  public ExitReason lastExitReason() {
    return lastExitReason;
  }

  @Override
  public void onStart(StrategyContext ctx) {
    if (gate != SignalGate.ALWAYS) {
      log.info("entryGate '{}' reads the signals of {}: until they arrive the gate stays closed and no ladder starts",
          gate, gate.sources());
    }
    if (ctx.instrument().kind() == InstrumentKind.SPOT && cfg.leverage() > 1) {
      log.warn("leverage {} is ignored on the spot market {}", cfg.leverage(), ctx.instrument().symbol());
    }
  }

  @Override
  public void onSignal(StrategyContext ctx, Signal signal) {
    if (signal instanceof SignalView v) {
      views.put(v.source(), v);
    }
    if (signal instanceof Sentiment s && Sentiment.FEAR_GREED.equals(s.index())) {
      fearGreed = s.value();
      fearGreedMillis = s.asOf().toEpochMilli();
    }
  }

  @Override
  public void onBar(StrategyContext ctx) {
    BarSeries bars = ctx.bars();
    int idx = bars.size() - 1;
    if (idx < 0) {
      return;
    }
    updateWindows(bars, idx);
    long now = ctx.timeMillis();
    double close = bars.close(idx);
    if (restored) {
      restored = false;
      reconcileAfterRestore(ctx);
    }
    AccountView acc = ctx.account();
    boolean inPosition = acc.positionQuantity() > EPS_QTY;
    if (exiting) {
      if (inPosition) {
        return; // the closing order is in flight
      }
      endCycle(ctx);
    }
    if (inPosition && exitsEnabled && checkExits(ctx, bars, idx, close, now, acc)) {
      return;
    }
    if (!active) {
      if (inPosition) {
        adopt(ctx, bars, idx, close, now, acc);
      } else if (gatesOpen(ctx, close, now, acc)) {
        startLadder(ctx, bars, idx, close, now);
      }
    } else {
      maintainLadder(ctx, bars, idx, close, now, acc, inPosition);
    }
  }

  @Override
  public void onFill(StrategyContext ctx, Execution fill) {
    int tag = fill.tag();
    if (fill.side() == Side.BUY && tag >= 1 && tag <= n) {
      onEntryFill(ctx, fill, tag - 1);
      return;
    }
    if (fill.side() == Side.SELL) {
      if (tag == TAKE_PROFIT_TAG) {
        tpSubmitting = false;
        if (fill.orderComplete()) {
          tpOrder = -1;
        }
        lastExitReason = ExitReason.TAKE_PROFIT;
      }
      if (ctx.account().positionQuantity() <= EPS_QTY) {
        endCycle(ctx);
      } else if (isRuleExit(tag) && fill.orderComplete()) {
        exiting = false; // a remainder (rounding dust): the exit rules look at it again next bar
      }
    }
  }

  @Override
  public void onOrderRejected(StrategyContext ctx, int orderId, String reason) {
    if (orderId < 0) {
      return; // refused inside submit: the caller sees -1 and handles it
    }
    for (int k = 0; k < n; k++) {
      if (levelOrder[k] == orderId && levelState[k] == RESTING) {
        levelState[k] = SKIPPED;
        levelOrder[k] = -1;
        log.debug("level {} rejected: {}", k + 1, reason);
        return;
      }
    }
    if (orderId == tpOrder) {
      tpOrder = -1;
      tpRefused = true;
    }
  }

  // ---- running windows ------------------------------------------------------------------

  private void updateWindows(BarSeries bars, int idx) {
    if (idx < processedHighs) {
      // A new series (a fresh run on the same object): start the windows again.
      recentHigh.clear();
      volumeMean.clear();
      processedHighs = -1;
      processedVolumes = -1;
      athPrice = Double.NaN;
      athMillis = NONE;
    }
    // Only the windows a configured gate or exit reads are kept: this runs on every bar.
    if (trackHighs) {
      for (int i = processedHighs + 1; i <= idx; i++) {
        double h = bars.high(i);
        recentHigh.push(h);
        if (!(h < athPrice)) {
          athPrice = h;
          athMillis = bars.timeMillis(i);
        }
      }
    }
    processedHighs = idx;
    if (trackVolume) {
      // The volume average excludes the current bar: it is what the current volume is compared to.
      for (int i = processedVolumes + 1; i < idx; i++) {
        volumeMean.push(bars.volume(i));
      }
    }
    processedVolumes = Math.max(processedVolumes, idx - 1);
  }

  // ---- gates and ladder life cycle -------------------------------------------------------

  private boolean gatesOpen(StrategyContext ctx, double close, long now, AccountView acc) {
    if (on(cfg.minDrawdown())) {
      double high = recentHigh.max();
      if (!(high > 0) || 1 - close / high < cfg.minDrawdown()) {
        return false;
      }
    }
    if (on(cfg.maxFearGreed())) {
      double fg = currentFearGreed(ctx, now);
      if (!Double.isNaN(fg) && fg > cfg.maxFearGreed()) {
        return false;
      }
    }
    if (on(cfg.minDaysSinceAth())) {
      if (athMillis == NONE || now - athMillis < cfg.minDaysSinceAth() * DAY_MILLIS) {
        return false;
      }
    }
    return capitalAllows(acc) && gateOpen(now);
  }

  private boolean gateOpen(long now) {
    if (gate == SignalGate.ALWAYS) {
      return true;
    }
    viewsNow = now;
    return gate.test(freshViews);
  }

  private SignalView freshView(String source) {
    SignalView v = views.get(source);
    if (v == null || viewsNow - v.asOf().toEpochMilli() > cfg.signalMaxAge().toMillis()) {
      return null;
    }
    return v;
  }

  private boolean capitalAllows(AccountView acc) {
    if (!on(cfg.maxCapitalFraction())) {
      return true;
    }
    double equity = acc.equity();
    return equity > 0 && acc.capitalInUse() < cfg.maxCapitalFraction() * equity;
  }

  private double currentFearGreed(StrategyContext ctx, long now) {
    Sentiment s = ctx.signal(Sentiment.class);
    if (s != null && Sentiment.FEAR_GREED.equals(s.index()) && s.asOf().toEpochMilli() >= fearGreedMillis) {
      fearGreed = s.value();
      fearGreedMillis = s.asOf().toEpochMilli();
    }
    if (fearGreedMillis == NONE || now - fearGreedMillis > cfg.signalMaxAge().toMillis()) {
      return Double.NaN;
    }
    return fearGreed;
  }

  private void startLadder(StrategyContext ctx, BarSeries bars, int idx, double close, long now) {
    clearLevels();
    if (fib) {
      buildFibonacci(bars, idx, close);
    } else {
      cfg.stepLevelPrices(close, levelPrice);
      reference = close;
    }
    moveToClusters(ctx, close, now);
    snapToSignalLevels(close, now);
    active = true;
    filledLevels = 0;
    builtMillis = now;
    lastFillMillis = NONE;
    lastFillPrice = Double.NaN;
    // With a cooldown, the levels under the base order wait for its fill plus the cooldown.
    coolingDown = !fib && cooldownOn;
    if (!fib) {
      if (!placeEntry(ctx, 0, close)) {
        cancelEntries(ctx);
        active = false;
        return;
      }
    }
    if (!coolingDown) {
      placeUnplaced(ctx, close);
    }
  }

  private void adopt(StrategyContext ctx, BarSeries bars, int idx, double close, long now, AccountView acc) {
    // A position we did not open through this ladder (a restart without saved state, a manual
    // buy): lay out a ladder under its average entry and count its fills as the top levels.
    double avg = acc.averageEntryPrice();
    if (!(avg > 0)) {
      return;
    }
    clearLevels();
    if (fib) {
      buildFibonacci(bars, idx, close);
    } else {
      cfg.stepLevelPrices(avg, levelPrice);
      reference = avg;
    }
    int held = Math.max(1, Math.min(n, acc.entryCount()));
    for (int k = 0; k < held; k++) {
      levelState[k] = FILLED;
    }
    filledLevels = held;
    active = true;
    builtMillis = now;
    positionOpenMillis = now;
    lastFillPrice = Math.min(avg, close);
    lastFillMillis = now;
    coolingDown = false;
    log.info("adopted an open position of {} at average {} as {} filled level(s)", acc.positionQuantity(), avg, held);
    maintainLadder(ctx, bars, idx, close, now, acc, true);
  }

  private void maintainLadder(StrategyContext ctx, BarSeries bars, int idx, double close, long now,
      AccountView acc, boolean inPosition) {
    if (filledLevels == 0 && !inPosition) {
      if (fib) {
        if (close > reference || now - builtMillis >= cfg.rebuildInterval().toMillis()) {
          cancelEntries(ctx);
          active = false;
          if (gatesOpen(ctx, close, now, acc)) {
            startLadder(ctx, bars, idx, close, now);
          }
          return;
        }
      } else if (levelState[0] == SKIPPED) {
        // The base order was rejected by the venue: start over when the gates next open.
        cancelEntries(ctx);
        active = false;
        return;
      }
    }
    if (cfg.permanent() && filledLevels > 0 && lastFillMillis != NONE) {
      long pause = cooldownOn ? cooldownMillis(close) : cfg.cooldownMax().toMillis();
      if (now - lastFillMillis >= pause && (close >= lastFillPrice || !hasOpenLevels())) {
        cancelEntries(ctx);
        active = false;
        if (gatesOpen(ctx, close, now, acc)) {
          startLadder(ctx, bars, idx, close, now);
        }
        return;
      }
    }
    if (coolingDown && lastFillMillis != NONE && now - lastFillMillis >= cooldownMillis(close)) {
      coolingDown = false;
    }
    if (!gateOpen(now)) {
      cancelResting(ctx); // the entry gate closed: pull the unfilled levels until it opens again
    } else if (!coolingDown) {
      placeUnplaced(ctx, close);
    }
    if (inPosition && takeProfitOn() && tpOrder < 0 && !tpRefused && held(now) >= minHoldMillis) {
      placeTakeProfit(ctx, acc);
    }
  }

  private void endCycle(StrategyContext ctx) {
    ctx.cancelAll();
    clearLevels();
    active = false;
    reference = Double.NaN;
    filledLevels = 0;
    positionOpenMillis = NONE;
    lastFillPrice = Double.NaN;
    lastFillMillis = NONE;
    coolingDown = false;
    tpOrder = -1;
    tpSubmitting = false;
    tpRefused = false;
    trailArmed = false;
    trailPeak = 0;
    exiting = false;
  }

  private void reconcileAfterRestore(StrategyContext ctx) {
    ctx.cancelAll();
    for (int k = 0; k < n; k++) {
      if (levelState[k] == RESTING) {
        unplace(k);
      }
      levelOrder[k] = -1;
    }
    tpOrder = -1;
    tpSubmitting = false;
    tpRefused = false;
    exiting = false;
    if (active && filledLevels > 0 && ctx.account().positionQuantity() <= EPS_QTY) {
      // The position was closed while we were away.
      endCycle(ctx);
    }
  }

  // ---- entries ---------------------------------------------------------------------------

  private void onEntryFill(StrategyContext ctx, Execution fill, int k) {
    if (positionOpenMillis == NONE) {
      positionOpenMillis = fill.timeMillis();
    }
    lastFillPrice = fill.price();
    lastFillMillis = fill.timeMillis();
    if (fill.orderComplete() && levelState[k] != FILLED) {
      levelState[k] = FILLED;
      levelOrder[k] = -1;
      filledLevels++;
      if (!fib && fill.price() < levelPrice[k] * (1 - 1e-9)) {
        reanchor(ctx, k, fill.price());
      }
    }
    trailArmed = false;
    trailPeak = 0;
    if (cooldownOn && hasOpenLevels()) {
      cancelResting(ctx);
      coolingDown = true;
    }
    if (takeProfitOn()) {
      if (tpOrder >= 0) {
        ctx.cancel(tpOrder);
        tpOrder = -1;
      }
      tpRefused = false;
      if (held(fill.timeMillis()) >= minHoldMillis) {
        placeTakeProfit(ctx, ctx.account());
      }
    }
  }

  private void reanchor(StrategyContext ctx, int k, double fillPrice) {
    // "Each step below the previous fill": a gap fill moves the levels under it down.
    double p = fillPrice;
    double dev = cfg.step() * Math.pow(cfg.stepScale(), k);
    for (int j = k + 1; j < n; j++) {
      p *= 1 - dev;
      dev *= cfg.stepScale();
      if (levelState[j] == RESTING) {
        ctx.cancel(levelOrder[j]);
        levelOrder[j] = -1;
        unplace(j);
      }
      if (levelState[j] == NOT_PLACED) {
        levelPrice[j] = p;
      }
    }
  }

  private void placeUnplaced(StrategyContext ctx, double close) {
    // Called on every bar of an active ladder: skip the scan while every level is placed, filled
    // or skipped (7 % of a Monte Carlo run's samples went to this loop finding nothing).
    if (!mayHaveUnplaced) {
      return;
    }
    mayHaveUnplaced = false; // a level unplaced by a callback inside submit sets it again
    for (int k = 0; k < n; k++) {
      if (levelState[k] == NOT_PLACED) {
        if (!placeEntry(ctx, k, close)) {
          mayHaveUnplaced = true;
          return;
        }
      }
    }
  }

  /** Places level k; returns false when the capital gate stops further placements. */
  private boolean placeEntry(StrategyContext ctx, int k, double close) {
    if (!capitalAllows(ctx.account())) {
      return false;
    }
    double amount = Math.pow(cfg.volumeScale(), k) * macroMultiplier(ctx);
    boolean market = !fib && k == 0;
    // Mark before submitting: the engine may fill (and call onFill) inside submit.
    levelState[k] = RESTING;
    levelOrder[k] = -1;
    // By its fields, not an OrderIntent: the simulator then places it without garbage.
    int id = ctx.submit(Side.BUY, market ? OrderType.MARKET : OrderType.LIMIT, Sizing.SIZER, amount,
        market ? Double.NaN : levelPrice[k], false, false, k + 1);
    if (levelState[k] == RESTING) {
      if (id >= 0) {
        levelOrder[k] = id;
      } else {
        levelState[k] = SKIPPED;
        return k != 0 || fib; // a refused base order ends the attempt
      }
    }
    return true;
  }

  private double macroMultiplier(StrategyContext ctx) {
    MacroRegime m = ctx.signal(MacroRegime.class);
    if (m == null || ctx.timeMillis() - m.asOf().toEpochMilli() > cfg.signalMaxAge().toMillis()) {
      return 1.0;
    }
    return Math.min(cfg.macroMax(), Math.max(cfg.macroMin(), m.sizeMultiplier()));
  }

  private void cancelResting(StrategyContext ctx) {
    for (int k = 0; k < n; k++) {
      if (levelState[k] == RESTING) {
        if (levelOrder[k] >= 0) {
          ctx.cancel(levelOrder[k]);
        }
        levelOrder[k] = -1;
        unplace(k);
      }
    }
  }

  private void cancelEntries(StrategyContext ctx) {
    cancelResting(ctx);
  }

  private boolean hasOpenLevels() {
    for (int k = 0; k < n; k++) {
      if (levelState[k] == NOT_PLACED || levelState[k] == RESTING) {
        return true;
      }
    }
    return false;
  }

  private long cooldownMillis(double close) {
    long base = cfg.cooldown().toMillis();
    if (base <= 0) {
      return 0;
    }
    double drop = lastFillPrice > 0 ? (lastFillPrice - close) / lastFillPrice : 0;
    double scale = drop / cfg.step();
    double ms = scale > 0 ? base / scale : Double.POSITIVE_INFINITY;
    double min = cfg.cooldownMin().toMillis();
    double max = cfg.cooldownMax().toMillis();
    return (long) Math.min(max, Math.max(min, ms));
  }

  // ---- exits ------------------------------------------------------------------------------

  private boolean checkExits(StrategyContext ctx, BarSeries bars, int idx, double close, long now, AccountView acc) {
    double avg = acc.averageEntryPrice();
    if (!(avg > 0)) {
      return false;
    }
    // only the stop-loss and the volume exits read the profit (a division on every bar in a position)
    double pnl = pnlExits ? close / avg - 1 : 0;
    // read only when a volume exit is on (trackVolume): the conditions below need it only then
    double volume = trackVolume ? bars.volume(idx) : 0;
    double avgVolume = trackVolume ? volumeMean.mean() : 0;
    boolean volumeKnown = trackVolume && volumeMean.full() && avgVolume > 0;
    // 1. The emergency dump may override the minimum hold.
    if (on(cfg.emergencyLoss()) && pnl <= -cfg.emergencyLoss() && volumeKnown
        && volume < cfg.emergencyVolumeRatio() * avgVolume) {
      return exit(ctx, ExitReason.EMERGENCY);
    }
    if (held(now) < minHoldMillis) {
      return false;
    }
    if (on(cfg.stopLoss()) && pnl <= -cfg.stopLoss()) {
      return exit(ctx, ExitReason.STOP_LOSS);
    }
    if (on(cfg.trailingArm())) {
      double high = bars.high(idx);
      if (!trailArmed && high >= avg * (1 + cfg.trailingArm())) {
        trailArmed = true;
        trailPeak = high;
      }
      if (trailArmed) {
        trailPeak = Math.max(trailPeak, high);
        if (close <= trailPeak * (1 - cfg.trailingPullback())) {
          return exit(ctx, ExitReason.TRAILING);
        }
      }
    }
    if (on(cfg.exhaustionProfit()) && pnl >= cfg.exhaustionProfit() && volumeKnown
        && volume < cfg.exhaustionVolumeRatio() * avgVolume) {
      return exit(ctx, ExitReason.VOLUME_EXHAUSTION);
    }
    return false;
  }

  private boolean exit(StrategyContext ctx, ExitReason reason) {
    ctx.cancelAll();
    for (int k = 0; k < n; k++) {
      if (levelState[k] == RESTING) {
        unplace(k);
      }
      levelOrder[k] = -1;
    }
    tpOrder = -1;
    lastExitReason = reason;
    exiting = true;
    // OrderIntent.closePosition(SELL) with the reason's tag
    int id = ctx.submit(Side.SELL, OrderType.MARKET, Sizing.POSITION_FRACTION, 1.0, Double.NaN, true, false,
        reason.reported().tag());
    if (id < 0 && exiting) {
      exiting = false;
      log.warn("exit ({}) refused; will retry at the next bar", reason);
    }
    return true;
  }

  /** Whether a tag is one of a rule exit's: a reason's tag other than the take-profit's ({@link #EXIT_TAG} included). */
  private static boolean isRuleExit(int tag) {
    return tag != TAKE_PROFIT_TAG && dev.nanpin.ExitReason.ofTag(tag) != null;
  }

  private void placeTakeProfit(StrategyContext ctx, AccountView acc) {
    double avg = acc.averageEntryPrice();
    if (!(avg > 0) || acc.positionQuantity() <= EPS_QTY) {
      return;
    }
    double price = avg * (1 + cfg.takeProfit());
    tpSubmitting = true;
    tpOrder = -1;
    int id = ctx.submit(Side.SELL, OrderType.LIMIT, Sizing.POSITION_FRACTION, 1.0, price, true, false,
        TAKE_PROFIT_TAG);
    if (tpSubmitting) {
      tpSubmitting = false;
      tpOrder = id;
      if (id < 0) {
        tpRefused = true; // retried after the next entry fill, not every bar
      }
    }
  }

  private boolean takeProfitOn() {
    return exitsEnabled && cfg.takeProfit() > 0;
  }

  private long held(long now) {
    return positionOpenMillis == NONE ? 0 : now - positionOpenMillis;
  }

  // ---- level layout -----------------------------------------------------------------------

  private void clearLevels() {
    Arrays.fill(levelPrice, Double.NaN);
    Arrays.fill(levelScore, Double.NaN);
    Arrays.fill(levelOrder, -1);
    Arrays.fill(levelState, NOT_PLACED);
    mayHaveUnplaced = true;
  }

  /** Takes level {@code k} back to not placed; every such change goes through here or sets the flag itself. */
  private void unplace(int k) {
    levelState[k] = NOT_PLACED;
    mayHaveUnplaced = true;
  }

  /**
   * Lays out the Fibonacci levels of the lookback swing and scores them. A level's score is the
   * number of swing pivots (highs and lows that dominate {@code pivotBars} bars on each side)
   * within {@code levelTolerance} of it, plus its relative volume: the share of the lookback's
   * volume traded (typical price) in that band, divided by the share an even spread over the
   * swing would give. A level with one pivot and average volume scores about 2.
   */
  private void buildFibonacci(BarSeries bars, int idx, double close) {
    int from = Math.max(0, idx - cfg.fibLookbackBars() + 1);
    double hi = Double.NEGATIVE_INFINITY;
    double lo = Double.POSITIVE_INFINITY;
    double totalVolume = 0;
    for (int i = from; i <= idx; i++) {
      hi = Math.max(hi, bars.high(i));
      lo = Math.min(lo, bars.low(i));
      totalVolume += bars.volume(i);
    }
    reference = hi;
    if (!(lo > 0 && hi > lo)) {
      Arrays.fill(levelState, SKIPPED);
      return;
    }
    double[] prices = cfg.fibonacciLevelPrices(hi, lo);
    System.arraycopy(prices, 0, levelPrice, 0, n);
    int[] pivots = new int[n];
    double[] bandVolume = new double[n];
    int w = cfg.pivotBars();
    double tol = cfg.levelTolerance();
    for (int i = from; i <= idx; i++) {
      double typical = (bars.high(i) + bars.low(i) + bars.close(i)) / 3;
      boolean pivotHigh = false;
      boolean pivotLow = false;
      if (i - w >= from && i + w <= idx) {
        pivotHigh = true;
        pivotLow = true;
        for (int j = i - w; j <= i + w && (pivotHigh || pivotLow); j++) {
          if (bars.high(j) > bars.high(i)) {
            pivotHigh = false;
          }
          if (bars.low(j) < bars.low(i)) {
            pivotLow = false;
          }
        }
      }
      for (int k = 0; k < n; k++) {
        double band = tol * levelPrice[k];
        if (Math.abs(typical - levelPrice[k]) <= band) {
          bandVolume[k] += bars.volume(i);
        }
        if (pivotHigh && Math.abs(bars.high(i) - levelPrice[k]) <= band) {
          pivots[k]++;
        }
        if (pivotLow && Math.abs(bars.low(i) - levelPrice[k]) <= band) {
          pivots[k]++;
        }
      }
    }
    for (int k = 0; k < n; k++) {
      double uniformShare = Math.min(1, 2 * tol * levelPrice[k] / (hi - lo));
      double share = totalVolume > 0 ? bandVolume[k] / totalVolume : 0;
      levelScore[k] = pivots[k] + (uniformShare > 0 ? share / uniformShare : 0);
      boolean below = levelPrice[k] < close;
      levelState[k] = below && levelScore[k] >= cfg.minLevelScore() ? NOT_PLACED : SKIPPED;
    }
    mayHaveUnplaced = true;
  }

  private void moveToClusters(StrategyContext ctx, double close, long now) {
    double dist = cfg.liqClusterDistance();
    if (!(dist > 0)) {
      return;
    }
    LiquidationClusters lc = ctx.signal(LiquidationClusters.class);
    if (lc == null || now - lc.asOf().toEpochMilli() > cfg.signalMaxAge().toMillis()
        || !lc.symbol().equalsIgnoreCase(ctx.instrument().base())) {
      return;
    }
    for (int k = fib ? 0 : 1; k < n; k++) {
      if (levelState[k] != NOT_PLACED) {
        continue;
      }
      double upper = k > 0 ? levelPrice[k - 1] : close;
      double lower = k + 1 < n && !Double.isNaN(levelPrice[k + 1]) ? levelPrice[k + 1] : 0;
      for (LiquidationCluster c : lc.clusters()) { // largest notional first
        if (c.side() != Side.BUY || c.notional() < cfg.liqClusterMinNotional()
            || Math.abs(levelPrice[k] - c.priceHigh()) > dist * levelPrice[k]) {
          continue;
        }
        double moved = c.priceHigh() * (1 + cfg.liqClusterOffset());
        if (moved < upper && moved > lower && moved < close) {
          levelPrice[k] = moved;
          break;
        }
      }
    }
  }

  private void snapToSignalLevels(double close, long now) {
    double dist = cfg.levelSnap();
    if (!(dist > 0) || views.isEmpty()) {
      return;
    }
    viewsNow = now;
    for (int k = fib ? 0 : 1; k < n; k++) {
      if (levelState[k] != NOT_PLACED || Double.isNaN(levelPrice[k])) {
        continue;
      }
      double upper = k > 0 ? levelPrice[k - 1] : close;
      double lower = k + 1 < n && !Double.isNaN(levelPrice[k + 1]) ? levelPrice[k + 1] : 0;
      double best = Double.NaN;
      for (String source : views.keySet()) {
        SignalView v = freshView(source);
        if (v == null) {
          continue;
        }
        for (double p : v.priceLevels()) {
          boolean fits = p < upper && p > lower && p < close && Math.abs(p - levelPrice[k]) <= dist * levelPrice[k];
          if (fits && (Double.isNaN(best) || Math.abs(p - levelPrice[k]) < Math.abs(best - levelPrice[k]))) {
            best = p;
          }
        }
      }
      if (!Double.isNaN(best)) {
        levelPrice[k] = best;
      }
    }
  }

  private static boolean on(double threshold) {
    return !Double.isNaN(threshold);
  }

  // ---- state ------------------------------------------------------------------------------

  @Override
  public Map<String, String> saveState() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("version", Integer.toString(STATE_VERSION));
    m.put("active", Boolean.toString(active));
    m.put("reference", Double.toString(reference));
    m.put("builtMillis", Long.toString(builtMillis));
    m.put("filledLevels", Integer.toString(filledLevels));
    m.put("positionOpenMillis", Long.toString(positionOpenMillis));
    m.put("lastFillPrice", Double.toString(lastFillPrice));
    m.put("lastFillMillis", Long.toString(lastFillMillis));
    m.put("coolingDown", Boolean.toString(coolingDown));
    m.put("trailArmed", Boolean.toString(trailArmed));
    m.put("trailPeak", Double.toString(trailPeak));
    StringBuilder prices = new StringBuilder();
    StringBuilder states = new StringBuilder();
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        prices.append(',');
      }
      prices.append(levelPrice[k]);
      // A resting order is saved as not placed: order ids do not survive a restart.
      states.append(levelState[k] == RESTING ? NOT_PLACED : levelState[k]);
    }
    m.put("levelPrices", prices.toString());
    m.put("levelStates", states.toString());
    if (lastExitReason != null) {
      m.put("lastExitReason", lastExitReason.name());
    }
    return m;
  }

  @Override
  public void restoreState(Map<String, String> state) {
    notNull(state, "state");
    String version = require(state, "version");
    if (!version.equals(Integer.toString(STATE_VERSION))) {
      throw new ConfigException("version", "unsupported nanpin state version " + version);
    }
    String[] prices = require(state, "levelPrices").split(",", -1);
    String states = require(state, "levelStates");
    if (prices.length != n || states.length() != n) {
      throw new ConfigException("levelPrices", "saved ladder has %d levels, this configuration %d"
          .formatted(prices.length, n));
    }
    double[] newPrices = new double[n];
    byte[] newStates = new byte[n];
    for (int k = 0; k < n; k++) {
      newPrices[k] = parseDouble("levelPrices", prices[k]);
      int s = states.charAt(k) - '0';
      if (s < NOT_PLACED || s > SKIPPED) {
        throw new ConfigException("levelStates", "bad level state '%s' in %s".formatted(states.charAt(k), states));
      }
      newStates[k] = (byte) s;
    }
    boolean newActive = parseBoolean("active", require(state, "active"));
    double newReference = parseDouble("reference", require(state, "reference"));
    long newBuilt = parseLong("builtMillis", require(state, "builtMillis"));
    int newFilled = (int) parseLong("filledLevels", require(state, "filledLevels"));
    long newOpen = parseLong("positionOpenMillis", require(state, "positionOpenMillis"));
    double newLastPrice = parseDouble("lastFillPrice", require(state, "lastFillPrice"));
    long newLastMillis = parseLong("lastFillMillis", require(state, "lastFillMillis"));
    boolean newCooling = parseBoolean("coolingDown", require(state, "coolingDown"));
    boolean newArmed = parseBoolean("trailArmed", require(state, "trailArmed"));
    double newPeak = parseDouble("trailPeak", require(state, "trailPeak"));
    ExitReason reason = null;
    if (state.containsKey("lastExitReason")) {
      try {
        reason = ExitReason.valueOf(state.get("lastExitReason").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("lastExitReason", "bad exit reason: " + state.get("lastExitReason"));
      }
    }
    // All parsed: apply at once, so a bad snapshot leaves the strategy as it was.
    System.arraycopy(newPrices, 0, levelPrice, 0, n);
    System.arraycopy(newStates, 0, levelState, 0, n);
    mayHaveUnplaced = true;
    Arrays.fill(levelOrder, -1);
    Arrays.fill(levelScore, Double.NaN);
    active = newActive;
    reference = newReference;
    builtMillis = newBuilt;
    filledLevels = newFilled;
    positionOpenMillis = newOpen;
    lastFillPrice = newLastPrice;
    lastFillMillis = newLastMillis;
    coolingDown = newCooling;
    trailArmed = newArmed;
    trailPeak = newPeak;
    lastExitReason = reason;
    tpOrder = -1;
    exiting = false;
    restored = true;
  }

  private static String require(Map<String, String> state, String key) {
    String v = state.get(key);
    if (v == null) {
      throw new ConfigException(key, "nanpin state lacks '" + key + "'");
    }
    return v;
  }

  private static double parseDouble(String key, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "bad number for %s: '%s'".formatted(key, v));
    }
  }

  private static long parseLong(String key, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "bad whole number for %s: '%s'".formatted(key, v));
    }
  }

  private static boolean parseBoolean(String key, String v) {
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw new ConfigException(key, "bad boolean for %s: '%s'".formatted(key, v));
  }
}
