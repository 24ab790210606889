package dev.nanpin.sim;

import dev.nanpin.AccountView;
import dev.nanpin.BarSeries;
import dev.nanpin.ConfigException;
import dev.nanpin.Instrument;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderType;
import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.BookAccountView;
import dev.nanpin.engine.FillRules;
import dev.nanpin.engine.Liquidation;
import dev.nanpin.engine.OrderSizing;
import dev.nanpin.engine.RiskCheck;
import dev.nanpin.sim.internal.LegEngine;
import dev.nanpin.sim.internal.LegEngines;
import dev.nanpin.sim.internal.SharedPool;
import dev.nanpin.sim.internal.SimOrder;
import dev.nanpin.spi.BarCloseSignals;
import dev.nanpin.spi.MutableExecution;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.guard.RiskGuard;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The simulated broker and account, and the context a strategy sees.
 *
 * <p><b>Design.</b> One object plays {@link StrategyContext}, {@link BarSeries} and {@link
 * AccountView} (the kernel's {@link BookAccountView}, whose rules it inherits), so every call a strategy makes is a field read on one monomorphic receiver and
 * nothing is allocated per bar: bars are the caller's primitive columns, the account is a few
 * doubles, the ledger is columnar ({@link Ledger}), orders come from a free list and fills are
 * handed out through one reused {@link dev.nanpin.Execution} flyweight.
 *
 * <p><b>Per bar</b> {@code i}: (1) funding events due by the bar's open are charged at the open
 * price (perps); (2) under {@link FillTiming#NEXT_OPEN} pending market orders fill at the open;
 * (3) resting limit orders and the liquidation price are swept along the intrabar path
 * (open, first extreme, second extreme, close), each filling at its level or at the path price
 * where the path gapped past it, in the order the path reaches them; during this phase the
 * strategy sees bars {@code 0..i-1} only and {@link #price()} is the path price, so nothing of
 * bar {@code i}'s future leaks; (4) {@code onBar} with bars {@code 0..i}; (5) under {@link
 * FillTiming#SIGNAL_CLOSE} market orders fill at the close; (6) equity is marked at the close.
 * Signals observed by the close, then the computed feeds' readings of bar {@code i}, are delivered
 * before (4).
 *
 * <p><b>Rules.</b> Sizing, the position and account book and the fill rules are the engine
 * kernel's ({@link OrderSizing}, {@link AccountBook}, {@link FillRules}), as in the paper exchange
 * and the live engine. The kernel's gap rule holds: every fill of one price print (the open with
 * the market orders due at it, or one level of the path) is applied before the sizer and the
 * strategy hear of any of them, then {@code onFill} runs once per fill in fill order.
 *
 * <p><b>Speed.</b> A bar on which nothing but {@code onBar} happens costs the engine two field
 * tests and three stores: whatever else a bar may need is summarised in fields that change only
 * when orders, refusals or signals do, and its work lives out of line. The equity of (6) is not
 * stored per bar: the account changes only on fills and funding, so the closes since the last
 * change are marked in one pass just before the next one ({@link #markTo}), with the same
 * arithmetic.
 *
 * <p><b>Money.</b> A quote-sized buy spends exactly its quote amount: {@code qty = quote /
 * price}, {@code cash = cash - quote - quote * fee}; other fills have notional {@code price *
 * qty}; the fee is {@code notional * rate}. Spot cash pays notional and fee; perps keep a wallet
 * that pays fees and funding and receives realised P&amp;L, with positions margined at {@code
 * notional / leverage}. Not thread-safe: one engine per thread.
 *
 * <p><b>Portfolios.</b> The portfolio backtester runs one engine per symbol, bar by bar, as a
 * {@link LegEngine}: the same order handling, with a {@link SharedPool} that supplies what depends
 * on every symbol (the account figures the strategy sees, the quote free for an order or a fill,
 * the cross-margin liquidation price, the guard, the other symbols' bars). Its book then holds the
 * symbol's position and cash flow, which the pool's {@code PortfolioBook} reads. A single-symbol
 * run has no pool ({@code pool == null}): its bar loop ({@link #runBars}) is not the portfolio's
 * entry ({@link #bar}), and the pool is asked only on the rare paths (orders, fills, funding).
 */
final class Engine extends BookAccountView implements StrategyContext, BarSeries, LegEngine {
  static {
    LegEngines.register(Engine::new);
  }

  private static final double EPS = 1e-9;
  private static final int MAX_MARKET_ROUNDS = 100_000;
  /** Bars per call of the bar loop. */
  private static final int CHUNK = 256;

  private final Ledger ledger = new Ledger();
  private final MutableExecution exec = new MutableExecution();

  // Configuration.
  private SimulationConfig cfg;
  private Instrument instrument;
  private boolean perp;
  private boolean nextOpen;
  private boolean pessimistic;
  /** Whether bar {@code cur}'s open phase (funding, next-open fills, the intrabar walk) is running. */
  private boolean walking;
  private boolean touch;
  private double makerFee;
  private double takerFee;
  /** Liquidation fee rate on the liquidated notional, charged on top of the taker fee. */
  private double liquidationFee;
  private double slip;
  private double leverage;
  private MaintenanceMargin mmf;
  private long fundingStep;
  private long[] fundingTimes;
  private double[] fundingRates;
  private double fundingRate;
  private boolean round;
  private RiskGuard guard;
  /** Whether an order's quantity goes through {@link #venueRefusal}: rounding, a guard, or a pool's guard. */
  private boolean vetting;
  /** The portfolio's pool this engine books into as one of its symbols, {@code null} in a single-symbol run. */
  private SharedPool pool;
  /** The symbol's name: the instrument's, or the portfolio leg's. */
  private String symbol;

  // Data.
  private long[] t;
  private double[] open;
  private double[] high;
  private double[] low;
  private double[] close;
  private double[] volume;
  private int n;

  // Clock and visibility.
  private int cur;
  /**
   * The number of bars the strategy may see: {@code cur + 1}, or {@code cur} while bar {@code cur}'s
   * intrabar path is walked (its close is not known yet). One field, so a bar accessor's check is
   * one compare.
   */
  private int visible;
  private double mark;
  /**
   * The first bar whose close equity is not yet written. The account changes only on fills and
   * funding, so the equity of bars {@code markedTo..cur-1} follows from the account as it stands
   * and is written in one pass ({@link #markTo}) just before the account next changes and at the
   * end: the bar loop itself stores nothing per bar.
   */
  private int markedTo;
  private long stepMillis;

  // Participants.
  private Strategy strategy;
  /** The run's signal feed in time order, the times as epoch millis, and where delivery stands. */
  private Signal[] signalFeed = new Signal[0];
  private long[] signalMillis = new long[0];
  private int signalCursor;
  /** The first bar at whose close the signal at the cursor is known, {@code Integer.MAX_VALUE} if none is left. */
  private int nextSignalBar = Integer.MAX_VALUE;
  /**
   * The bar loop's two tests, kept up to date by {@link #refreshWork} whenever what they summarise
   * changes (orders, refusals, the signal cursor), so that a bar with nothing else to do costs two
   * field reads. {@code slowFrom}: the first bar index that needs work before the strategy sees
   * it (0 while every bar does: perps, resting orders, next-open fills due; else the next signal's
   * bar). {@code afterWork}: whether refusals or signal-close market orders wait after {@code onBar}.
   */
  private int slowFrom;
  private boolean afterWork;
  private final java.util.Map<Class<?>, Signal> latestSignals = new java.util.HashMap<>();
  /** The run's computed signal feeds, {@code null} without any; they make every bar a signal bar. */
  private BarCloseSignals computed;
  /** Delivers one computed signal; a field, so that a bar close allocates no lambda. */
  private final java.util.function.Consumer<Signal> deliverComputed = this::deliverSignal;
  private Sizer sizer;

  // Account.
  /** The kernel's position and account book: cash, position, average entry, fees, funding, P&amp;L. */
  private final AccountBook book = new AccountBook();
  private double reserved;
  private double liqPrice = Double.NaN;
  private int liquidations;
  private int maxDepth;
  private double peakCapital;
  private double realisedPeak;
  private double realisedMaxDrawdown;
  private int barsInMarket;

  // The round trip in progress.
  private int tradeEntryIndex;
  private long tradeEntryTime;
  private double tradePnl;
  private double tradePeakCost;
  private int tradeDepth;

  // Orders.
  private SimOrder[] resting = new SimOrder[16];
  private int nResting;
  /** Bounds of the resting limits for {@link #reachable}; recomputed after the set of resting orders changes. */
  private boolean boundsDirty = true;
  private double restingBuyMax;
  private double restingSellMin;
  private SimOrder[] markets = new SimOrder[16];
  private int nMarkets;
  private SimOrder[] free = new SimOrder[16];
  private int nFree;
  private int nextOrderId;

  // Refusals to deliver after the current callback (never re-entrantly from submit).
  private int[] rejectIds = new int[4];
  private String[] rejectReasons = new String[4];
  private int nRejects;
  private boolean delivering;

  // Fills applied but not yet told (the gap rule: one print's fills before its callbacks).
  private boolean batching;
  private boolean flushing;
  /**
   * The ledger's fills before this one have been told (or are being told); the ones from it on
   * are applied but wait for {@link #flushFills}: the ledger is the queue of a print's fills.
   */
  private int told;

  // Funding cursor.
  private long nextFundingTime;
  private int fundingCursor;

  Ledger ledger() {
    return ledger;
  }

  double finalEquity() {
    return n == 0 ? cfg.capital() : ledger.equity[n - 1];
  }

  @Override
  public int liquidations() {
    return liquidations;
  }

  @Override
  public int maxDepth() {
    return maxDepth;
  }

  @Override
  public double peakCapital() {
    return peakCapital;
  }

  @Override
  public int barsInMarket() {
    return barsInMarket;
  }

  double realisedMaxDrawdown() {
    return realisedMaxDrawdown;
  }

  double feesPaid() {
    return book.fees();
  }

  double fundingPaid() {
    return book.funding();
  }

  double realisedPnl() {
    return book.realisedPnl();
  }

  double unrealisedPnl() {
    return book.unrealisedPnl(mark);
  }

  @Override
  public double reserved() {
    return reserved;
  }

  @Override
  public List<BacktestResult.FillRecord> fills() {
    return ledger.fillRecords();
  }

  @Override
  public List<BacktestResult.Trade> trades(List<BacktestResult.FillRecord> fills) {
    return ledger.tradeRecords(fills);
  }

  @Override
  public List<BacktestResult.Refusal> refusals() {
    return List.copyOf(ledger.refusals);
  }

  int openOrdersAtEnd() {
    return nResting + nMarkets;
  }

  /** Runs one backtest; the ledger holds the results until the next run. */
  void run(SimulationConfig config, BarData data, Strategy strat, Sizer siz) {
    configure(config, null);
    double ceiling = strat.leverageCeiling();
    if (perp && leverage > ceiling) {
      throw new ConfigException("leverage", "leverage %s exceeds the strategy's ceiling %s".formatted(leverage, ceiling));
    }
    load(data);
    if (n == 0) {
      return;
    }
    start(strat, siz);
    for (int from = 0; from < n; from += CHUNK) {
      runBars(strat, from, Math.min(n, from + CHUNK));
    }
    stop();
  }

  /** The bars and a fresh account, ledger and signal cursor for a run. */
  private void load(BarData data) {
    this.t = data.timeArray();
    this.open = data.openArray();
    this.high = data.highArray();
    this.low = data.lowArray();
    this.close = data.closeArray();
    this.volume = data.volumeArray();
    this.n = data.size();
    resetAccount();
    ledger.reset(n);
    markedTo = 0;
    signalFeed = cfg.signalArray();
    signalMillis = cfg.signalMillisArray();
    signalCursor = 0;
    latestSignals.clear();
    computed = cfg.computedFeeds().isEmpty() ? null : BarCloseSignals.of(cfg.computedFeeds());
    stepMillis = data.intervalMillis();
  }

  @Override
  public void prepare(SimulationConfig config, String legSymbol, BarData data, SharedPool shared) {
    configure(config, Objects.requireNonNull(shared, "pool"));
    this.symbol = legSymbol;
    load(data);
  }

  @Override
  public void start(Strategy strat, Sizer siz) {
    this.strategy = strat;
    this.sizer = siz;
    cur = 0;
    visible = 0;
    mark = open[0];
    initFunding();
    strategy.onStart(this);
    drainRejects();
    nextSignalBar = nextSignalBar(0);
    refreshWork();
  }

  /**
   * One bar of a portfolio's symbol: the body of {@link #runBars}, after the liquidation price is
   * brought up to the pool (the other symbols' fills and marks move it between this symbol's bars).
   */
  @Override
  public void bar(int i) {
    cur = i;
    visible = i + 1;
    if (perp) {
      updateLiquidation();
    }
    if (i >= slowFrom) {
      beforeBar(i);
    } else {
      mark = close[i];
    }
    strategy.onBar(this);
    if (afterWork) {
      afterBar(i);
    }
  }

  @Override
  public void stop() {
    markTo(n);
    strategy.onStop(this);
    drainRejects();
    for (int k = 0; k < nMarkets; k++) {
      SimOrder m = markets[k];
      ledger.refusals.add(new BacktestResult.Refusal(n - 1, t[n - 1], m.id, "end of data before the order could fill"));
    }
  }

  /**
   * Bars {@code from..to-1}. The bar loop runs in chunks of {@link #CHUNK} bars so that the JIT
   * compiles it as an ordinary method from the profile of many calls, not on the stack of the
   * first long run from the profile of that run's first bars.
   */
  private void runBars(Strategy strat, int from, int to) {
    // Only the strategy, the index and the bound are held across the loop; everything else is
    // read from fields. The loop calls out on its rare paths (order placement, fills, callbacks),
    // and each value held across it is one the JIT may spill and reload on every bar.
    for (int i = from; i < to; i++) {
      cur = i;
      visible = i + 1;
      assert derivedStateIsCurrent();
      if (i >= slowFrom) {
        beforeBar(i); // funding, next-open fills, resting orders, liquidation, signals: out of line
      } else {
        mark = close[i];
      }
      strat.onBar(this);
      if (afterWork) {
        afterBar(i);
      }
      // The close's equity is written by markTo when the account next changes, or at the end.
    }
  }

  /** The rare work before the strategy sees bar {@code i}: its open phase, then the signals known by its close. */
  private void beforeBar(int i) {
    if (openPhaseDue()) {
      openPhase(i);
    }
    mark = close[i];
    if (i >= nextSignalBar) {
      deliverSignals(t[i] + stepMillis);
    }
  }

  /** The rare work after {@code onBar}: refusals to report, then market orders to fill at the close. */
  private void afterBar(int i) {
    drainRejects();
    if (!nextOpen && nMarkets > 0) {
      fillMarkets(close[i], Integer.MAX_VALUE);
    }
  }

  /** Whether bar work precedes {@code onBar} on every bar: perps, resting orders, or market orders due at the open. */
  private boolean openPhaseDue() {
    return perp || nResting > 0 || (nextOpen && nMarkets > 0);
  }

  /** Whether work follows {@code onBar}: refusals to report, or market orders to fill at the close. */
  private boolean afterBarDue() {
    return nRejects > 0 || (!nextOpen && nMarkets > 0);
  }

  /** Recomputes the bar loop's tests from the state they summarise. */
  private void refreshWork() {
    slowFrom = openPhaseDue() ? 0 : nextSignalBar;
    afterWork = afterBarDue();
  }

  /** For assertions: the bar loop's tests and the average entry agree with the state they derive from. */
  private boolean derivedStateIsCurrent() {
    return slowFrom == (openPhaseDue() ? 0 : nextSignalBar) && afterWork == afterBarDue();
  }

  /**
   * The first bar from {@code fromIndex} on at whose close the signal at the cursor is known (its
   * time at or before the bar's open time plus the bar length), or {@code Integer.MAX_VALUE}.
   */
  private int nextSignalBar(int fromIndex) {
    if (computed != null) {
      return fromIndex; // generators read every bar's close
    }
    if (signalCursor == signalFeed.length) {
      return Integer.MAX_VALUE;
    }
    long millis = signalMillis[signalCursor];
    for (int j = fromIndex; j < n; j++) {
      if (millis <= t[j] + stepMillis) {
        return j;
      }
    }
    return Integer.MAX_VALUE;
  }

  /**
   * Writes the close equity of bars {@code markedTo..to-1} from the account as it stands, which
   * is the account at each of those closes; the arithmetic is the same as marking each bar in
   * turn ({@code cash + qty * close}, perps {@code cash + qty * (close - average entry)}), so the
   * figures are the same to the bit. Counts those bars in the market when a position is open.
   */
  private void markTo(int to) {
    int from = markedTo;
    if (from >= to) {
      return;
    }
    markedTo = to;
    double[] eq = ledger.equity;
    AccountBook b = book;
    double q = b.quantity();
    double w = b.cash();
    if (q == 0) {
      Arrays.fill(eq, from, to, w);
      return;
    }
    barsInMarket += to - from;
    double[] c = close;
    if (perp) {
      double avg = b.averageEntry();
      for (int i = from; i < to; i++) {
        eq[i] = w + q * (c[i] - avg);
      }
    } else {
      for (int i = from; i < to; i++) {
        eq[i] = w + q * c[i];
      }
    }
  }

  /** Funding, next-open market fills and the intrabar sweep of bar {@code i}, before its close is visible. */
  private void openPhase(int i) {
    walking = true;
    visible = i;
    double o = open[i];
    mark = o;
    if (perp) {
      if (book.quantity() != 0) {
        chargeFunding(o);
      } else {
        skipFunding();
      }
    }
    if (nextOpen && nMarkets > 0) {
      fillOpenPrint(o);
    }
    if (nResting > 0 || (perp && book.quantity() != 0)) {
      walkBar(i, o);
    }
    visible = i + 1;
    walking = false;
  }

  /**
   * The open is one print: the market orders due at it and the resting orders it crossed all fill
   * before the strategy hears of any of them (the gap rule of dev.nanpin.engine). Out of line: the
   * open phase runs on every bar of a resting ladder and must stay small.
   */
  private void fillOpenPrint(double o) {
    batching = true;
    try {
      fillMarkets(o, nMarkets);
      if (nResting > 0) {
        fillCrossed(o, o, o, o);
      }
    } finally {
      batching = false;
    }
    flushFills();
  }

  private void configure(SimulationConfig c, SharedPool shared) {
    this.cfg = c;
    this.pool = shared;
    this.instrument = c.instrument();
    this.symbol = instrument.symbol();
    this.perp = c.perpetual();
    this.nextOpen = c.fillTiming() == FillTiming.NEXT_OPEN;
    this.pessimistic = c.intrabarPath() == IntrabarPath.PESSIMISTIC;
    this.touch = c.limitFillsOnTouch();
    this.makerFee = c.makerFeeBps() / 10_000.0;
    this.takerFee = c.takerFeeBps() / 10_000.0;
    this.liquidationFee = c.liquidationFeeBps() / 10_000.0;
    this.slip = c.slippageBps() / 10_000.0;
    this.leverage = c.leverage();
    this.mmf = c.maintenanceMargin();
    this.fundingStep = c.fundingInterval().toMillis();
    this.fundingTimes = c.fundingTimesRaw();
    this.fundingRates = c.fundingRatesRaw();
    this.fundingRate = c.fundingRate();
    this.round = c.roundToInstrument();
    this.guard = c.riskGuard();
    this.vetting = round || guard != null || shared != null;
  }

  private void resetAccount() {
    book.reset(perp, leverage, pool == null ? cfg.capital() : 0); // a pool's symbol books its cash flow
    reserved = 0;
    told = 0;
    batching = false;
    realisedPeak = cfg.capital();
    realisedMaxDrawdown = 0;
    liqPrice = Double.NaN;
    liquidations = 0;
    maxDepth = 0;
    peakCapital = 0;
    barsInMarket = 0;
    tradePnl = 0;
    tradePeakCost = 0;
    tradeDepth = 0;
    for (int k = 0; k < nResting; k++) {
      release(resting[k]);
      resting[k] = null;
    }
    for (int k = 0; k < nMarkets; k++) {
      release(markets[k]);
      markets[k] = null;
    }
    nResting = 0;
    boundsDirty = true;
    nMarkets = 0;
    nextOrderId = 0;
    nRejects = 0;
    refreshWork();
  }

  // ---------------------------------------------------------------- funding

  private void initFunding() {
    if (fundingTimes != null) {
      fundingCursor = 0;
      while (fundingCursor < fundingTimes.length && fundingTimes[fundingCursor] <= t[0]) {
        fundingCursor++;
      }
    } else {
      nextFundingTime = Math.floorDiv(t[0], fundingStep) * fundingStep + fundingStep;
    }
  }

  /** Charges every funding event due by the current bar's open time at price {@code p}. */
  private void chargeFunding(double p) {
    if (fundingTimes != null) {
      while (fundingCursor < fundingTimes.length && fundingTimes[fundingCursor] <= t[cur]) {
        payFunding(p, fundingRates[fundingCursor]);
        fundingCursor++;
      }
    } else {
      while (nextFundingTime <= t[cur]) {
        payFunding(p, fundingRate);
        nextFundingTime += fundingStep;
      }
    }
  }

  private void skipFunding() {
    if (fundingTimes != null) {
      while (fundingCursor < fundingTimes.length && fundingTimes[fundingCursor] <= t[cur]) {
        fundingCursor++;
      }
    } else if (nextFundingTime <= t[cur]) {
      nextFundingTime += ((t[cur] - nextFundingTime) / fundingStep + 1) * fundingStep;
    }
  }

  private void payFunding(double p, double rate) {
    if (rate == 0 || book.quantity() == 0) {
      return;
    }
    markTo(cur);
    tradePnl -= book.payFunding(p, rate);
    updateLiquidation();
    markRealised();
  }

  // ---------------------------------------------------------------- intrabar path

  private void walkBar(int i, double o) {
    double h = high[i];
    double l = low[i];
    if (!reachable(l, h)) {
      return; // nothing can fill or liquidate inside [low, high]: the sweeps would find nothing
    }
    double c = close[i];
    boolean lowFirst = FillRules.lowFirst(
        pessimistic, o, h, l, book.quantity());
    double a = lowFirst ? l : h;
    double b = lowFirst ? h : l;
    sweep(o, o);
    if (a != o) {
      sweep(o, a);
    }
    if (b != a) {
      sweep(a, b);
    }
    if (c != b) {
      sweep(b, c);
    }
  }

  /**
   * Whether any resting order or the liquidation price lies inside a bar's range, exactly by the
   * rules of {@link #sweep}: the union of a bar's path segments is {@code [low, high]}. Most bars
   * of a resting ladder reach no level, so this check spares them the four sweeps.
   */
  private boolean reachable(double l, double h) {
    if (boundsDirty) {
      double buyMax = Double.NEGATIVE_INFINITY;
      double sellMin = Double.POSITIVE_INFINITY;
      for (int k = 0; k < nResting; k++) {
        SimOrder ord = resting[k];
        if (ord.sign > 0) {
          buyMax = Math.max(buyMax, ord.limit);
        } else {
          sellMin = Math.min(sellMin, ord.limit);
        }
      }
      restingBuyMax = buyMax;
      restingSellMin = sellMin;
      boundsDirty = false;
    }
    if (touch ? restingBuyMax >= l : restingBuyMax > l) {
      return true;
    }
    if (touch ? restingSellMin <= h : restingSellMin < h) {
      return true;
    }
    return !Double.isNaN(Liquidation.fillPrice(book.quantity(), liqPrice, l, l, h));
  }

  /**
   * Fills, in the order the path reaches them, every resting order and the liquidation that
   * the monotone move {@code from -> to} triggers. A buy limit is reached when the price goes
   * below its level (or to it, on touch), a sell limit above; an order already marketable at
   * {@code from} fills at {@code from}.
   */
  private void sweep(double from, double to) {
    double lo = Math.min(from, to);
    double hi = Math.max(from, to);
    while (true) {
      int best = -1;
      double bestPrice = 0;
      double bestDist = Double.POSITIVE_INFINITY;
      boolean liquidate = false;
      boolean shared = false;
      double liq = Liquidation.fillPrice(book.quantity(), liqPrice, from, lo, hi);
      if (!Double.isNaN(liq)) {
        bestDist = Math.abs(from - liq);
        bestPrice = liq;
        liquidate = true;
      }
      for (int k = 0; k < nResting; k++) {
        SimOrder ord = resting[k];
        if (ord.placedBar == cur && !FillRules.mayFillInBarOfPlacement(pessimistic, ord.sign, book.quantity())) {
          continue;
        }
        double p = FillRules.limitFill(ord.sign, ord.limit, from, lo, hi, touch);
        if (Double.isNaN(p)) {
          continue;
        }
        double d = Math.abs(from - p);
        if (d < bestDist) {
          bestDist = d;
          best = k;
          bestPrice = p;
          liquidate = false;
          shared = false;
        } else if (d == bestDist && p == bestPrice) {
          shared = true; // another order fills at the same print
        }
      }
      if (liquidate) {
        mark = bestPrice;
        liquidate(bestPrice);
      } else if (best >= 0) {
        mark = bestPrice;
        if (shared) {
          batching = true;
          try {
            fillCrossed(bestPrice, from, lo, hi);
          } finally {
            batching = false;
          }
          flushFills();
        } else {
          // the print fills one order: its callbacks follow at once, no search for others
          SimOrder ord = resting[best];
          removeResting(best);
          executeLimit(ord, bestPrice);
          drainRejects();
        }
      } else {
        return;
      }
      from = bestPrice;
      lo = Math.min(from, to);
      hi = Math.max(from, to);
    }
  }

  /**
   * Fills every resting order that the print at {@code p} crosses (whose fill price on the move
   * from {@code from} across {@code [lo, hi]} is {@code p}), in the order the price reaches their
   * limits; the callbacks wait for {@link #flushFills}.
   */
  private void fillCrossed(double p, double from, double lo, double hi) {
    while (true) {
      int next = -1;
      for (int k = 0; k < nResting; k++) {
        SimOrder ord = resting[k];
        if (FillRules.limitFill(ord.sign, ord.limit, from, lo, hi, touch) != p) {
          continue; // NaN (not reached) or another print
        }
        if (next < 0) {
          next = k;
          continue;
        }
        SimOrder other = resting[next];
        boolean before = ord.sign == other.sign
            ? FillRules.fillsBefore(ord.sign, ord.limit, ord.id, other.limit, other.id) : ord.id < other.id;
        if (before) {
          next = k;
        }
      }
      if (next < 0) {
        return;
      }
      SimOrder ord = resting[next];
      removeResting(next);
      executeLimit(ord, p);
    }
  }

  private void executeLimit(SimOrder ord, double price) {
    fill(ord, price, ord.qty, ord.limitNotional(price), !ord.taker, (byte) (ord.taker ? 0 : Ledger.MAKER));
    release(ord);
  }

  private void liquidate(double price) {
    double qty = Math.abs(book.quantity());
    int sign = book.quantity() > 0 ? -1 : 1;
    double notional = qty * price;
    double fee = Liquidation.fee(notional, takerFee, liquidationFee);
    liquidations++;
    SimOrder tmp = obtain().liquidation(sign);
    applyFill(tmp, price, qty, notional, fee, false, Ledger.LIQUIDATION);
    release(tmp);
  }

  // ---------------------------------------------------------------- market orders

  /**
   * Fills up to {@code limit} queued market orders at {@code ref}, oldest first; at the close
   * ({@code limit} unbounded) also those that the fills' callbacks submit. Orders are taken off
   * the head of the queue before their callbacks run, so a callback may cancel or submit freely.
   */
  private void fillMarkets(double ref, int limit) {
    int done = 0;
    while (nMarkets > 0 && done < limit) {
      if (++done > MAX_MARKET_ROUNDS) {
        throw new IllegalStateException("strategy submitted more than %d market orders in one bar at index %d"
            .formatted(MAX_MARKET_ROUNDS, cur));
      }
      SimOrder ord = markets[0];
      System.arraycopy(markets, 1, markets, 0, nMarkets - 1);
      markets[--nMarkets] = null;
      refreshWork();
      boolean sized = fillMarket(ord, ref);
      release(ord);
      if (sized) {
        drainRejects(); // a sizing refusal is told with the next order's outcome, as it always was
      }
    }
  }

  /**
   * Fills one market order taken off the queue at {@code ref}, or records why it cannot. Its own
   * method, so that the queue loop stays small enough for the JIT to inline into the bar loop.
   *
   * @return {@code false} when sizing refused the order (the refusal is already recorded)
   */
  private boolean fillMarket(SimOrder ord, double ref) {
    double price = SimOrder.marketPrice(instrument, round, ord.sign, ref, slip);
    mark = ref;
    double qty = Double.isNaN(ord.presized) ? marketQuantity(ord, price) : ord.presized;
    if (qty == -1) {
      return false; // marketQuantity already recorded the refusal
    }
    if (!(qty > 0) || Double.isInfinite(qty)) {
      refuse(ord.id, ord.sizing == Sizing.POSITION_FRACTION && book.quantity() == 0
          ? "no position to close" : "order size is zero or not finite (" + qty + ")");
      return true;
    }
    if (vetting) {
      String why = venueRefusal(ord, qty, price);
      if (why != null) {
        refuse(ord.id, why);
        return true;
      }
      qty = ord.qty;
    }
    double notional = ord.quote > 0 ? ord.quote : qty * price;
    fill(ord, price, qty, notional, false, (byte) 0);
    return true;
  }

  /**
   * The base quantity of a market order at {@code price}; sets {@code ord.quote} for quote-sized
   * orders so the notional is the exact quote amount.
   *
   * @return the quantity, or {@code -1} after recording a refusal
   */
  private double marketQuantity(SimOrder ord, double price) {
    ord.quote = 0;
    double unit = 0;
    if (ord.sizing == Sizing.SIZER) {
      unit = sizerUnit(ord, price);
      if (unit < 0) {
        return -1;
      }
      ord.quote = ord.amount * unit;
    } else if (ord.sizing == Sizing.QUOTE) {
      ord.quote = ord.amount;
    }
    return sizedQuantity(ord, price, takerFee, unit);
  }

  /** The kernel's sizing of {@code ord} at {@code price}; {@code unit} is the sizer's answer for SIZER orders. */
  private double sizedQuantity(SimOrder ord, double price, double fee, double unit) {
    return OrderSizing.quantity(ord.sizing, ord.amount, price, fee, perp, leverage,
        OrderSizing.free(this, perp), book.quantity(), unit);
  }

  /**
   * The realism switches' checks of an order of {@code qty} at {@code price}: rounds the quantity
   * down to the step when rounding is on (the order then pays for what it buys, not its quote) and
   * refuses it below the minimum, then asks the risk guard. Sets {@code ord.qty}. Out of line and
   * per order: these allocate.
   *
   * @return {@code null} when the order may go on, else the reason it is refused
   */
  private String venueRefusal(SimOrder ord, double qty, double price) {
    String why = ord.setQuantity(qty, round, instrument, symbol);
    if (why != null) {
      return why;
    }
    if (pool != null) {
      return pool.riskRefusal(ord.sign, ord.qty, price, ord.reduceOnly);
    }
    return guard == null ? null : RiskCheck.refusal(guard, symbol, ord.sign, ord.qty, price, ord.reduceOnly, equity(),
        collateral(), mark, book.quantity(), book.averageEntry(), addingNotional());
  }

  @Override
  public double addingNotional() {
    double pos = book.quantity();
    double adding = 0;
    for (int k = 0; k < nResting; k++) {
      SimOrder o = resting[k];
      if ((o.sign > 0) == (pos >= 0)) {
        adding += o.qty * o.limit;
      }
    }
    return adding;
  }

  /** Notes the capital in use after the position or the reservations grew (the pool's too). */
  private void notePeakCapital() {
    double inUse = capitalInUse();
    if (inUse > peakCapital) {
      peakCapital = inUse;
    }
    if (pool != null) {
      pool.notePeakCapital();
    }
  }

  /**
   * The sizer's quote answer for {@code ord} at {@code price}, or {@code -1} after recording a
   * refusal (an answer that is negative, not finite, or scales the order to zero).
   */
  private double sizerUnit(SimOrder ord, double price) {
    double unit = sizer.quoteSize(ord.intent(), price, this, timeMillis());
    String why = SimOrder.sizerRefusal(ord.amount, unit);
    if (why != null) {
      refuse(ord.id, why);
      return -1;
    }
    return unit;
  }

  // ---------------------------------------------------------------- fills and the account

  /** Checks a fill against the account by the kernel's rules ({@link AccountBook#fillableQuantity}, {@link AccountBook#covers}), then applies it. */
  private void fill(SimOrder ord, double price, double qty, double notional, boolean maker, byte flags) {
    int sign = ord.sign;
    double allowed = book.fillableQuantity(sign, qty, ord.reduceOnly);
    if (allowed < 0) {
      releaseReservation(ord);
      refuse(ord.id, SimOrder.fillRefusal(allowed, qty, book.quantity()));
      return;
    }
    if (allowed != qty) {
      qty = allowed;
      notional = qty * price;
    }
    double fee = notional * (maker ? makerFee : takerFee);
    double need = book.fillRequirement(sign, qty, price, notional, fee);
    if (need > 0) {
      // the book's, or the pool's; written out: as a helper it was 37 bytes of bytecode, over C2's
      // 35-byte limit for inlining a call that is not hot (a workload with few fills)
      double avail = pool == null ? book.available(mark, reserved, ord.reserved) : pool.available(ord.reserved);
      if (!AccountBook.covers(need, avail)) {
        releaseReservation(ord);
        refuse(ord.id, SimOrder.notEnough(false, perp, need, avail));
        return;
      }
    }
    releaseReservation(ord);
    applyFill(ord, price, qty, notional, fee, maker, flags);
  }

  /**
   * Applies a checked fill to the kernel's book and the simulator's trade records; the callbacks
   * follow at once, or after the last fill of the print when the print's fills are batched.
   */
  private void applyFill(SimOrder ord, double price, double qty, double notional, double fee, boolean maker, byte flags) {
    markTo(cur); // the closes before this bar saw the account as it was
    AccountBook b = book;
    int sign = ord.sign;
    double before = b.quantity();
    boolean adds = before == 0 || (before > 0) == (sign > 0);
    if (before == 0) {
      openTrade();
    }
    double pnl = b.applyFill(sign, qty, price, notional, fee);
    boolean closedTrade = false;
    double closedPnl = 0;
    double closedReturn = 0;
    if (adds) {
      tradeDepth++;
      tradePnl -= fee;
      if (b.cost() > tradePeakCost) {
        tradePeakCost = b.cost();
      }
      if (b.entries() > maxDepth) {
        maxDepth = b.entries();
      }
    } else {
      tradePnl += pnl - fee;
      if (b.lastFillClosed()) {
        closedTrade = true;
        closedPnl = tradePnl;
        closedReturn = SimOrder.tradeReturn(tradePnl, tradePeakCost, perp, leverage);
        ledger.addTrade(tradeEntryIndex, cur, tradeEntryTime, t[cur], closedPnl, closedReturn, tradeDepth);
        if (b.quantity() != 0) {
          // A perp order larger than the position flips it: the rest opens a new round trip.
          openTrade();
          tradeDepth = 1;
          tradePeakCost = b.cost();
        }
      }
    }
    if (perp) {
      updateLiquidation();
    }
    notePeakCapital();
    markRealised();
    ledger.addFill(cur, t[cur], sign, price, qty, notional, fee, ord.id, ord.tag,
        adds ? flags : (byte) (flags | Ledger.REDUCES));
    if (!batching && !flushing) {
      told = ledger.fills;
      tellNow(ord.id, ord.tag, sign, price, qty, fee, maker, closedTrade, closedPnl, closedReturn);
    } // else told by flushFills after the print's last fill, or after the callback being told now
  }

  /**
   * The fill of a print that fills one order: told at once, without reading it back from the
   * ledger (most fills; the batch of {@link #flushFills} is for prints that fill several).
   */
  private void tellNow(int id, int tag, int sign, double price, double qty, double fee, boolean maker, boolean closed,
      double closedPnl, double closedReturn) {
    flushing = true;
    try {
      tell(id, tag, sign, price, qty, fee, maker, closed, closedPnl, closedReturn);
    } finally {
      flushing = false;
    }
    if (told < ledger.fills) {
      flushFills(); // fills applied during those callbacks (none in this engine) follow in order
    }
    drainRejects();
  }

  /** Tells the sizer and the strategy of one applied fill, then the refusals their callbacks caused. */
  private void tell(int id, int tag, int sign, double price, double qty, double fee, boolean maker, boolean closed,
      double closedPnl, double closedReturn) {
    exec.set(id, tag, sign > 0 ? Side.BUY : Side.SELL, price, qty, fee, maker, true, t[cur]); // fills are whole
    sizer.onFill(exec, this);
    if (closed) {
      sizer.onTradeClosed(closedPnl, closedReturn);
    }
    strategy.onFill(this, exec);
    drainRejects();
  }

  /**
   * Tells the sizer and the strategy of the applied fills, in the order they were applied, one
   * {@code onFill} per fill; then the refusals their callbacks caused. Fills applied by those
   * callbacks' orders (none in this engine, which fills only from the bar loop) would follow.
   */
  private void flushFills() {
    if (flushing) {
      return;
    }
    flushing = true;
    try {
      Ledger l = ledger;
      int j = l.trades; // the first round trip that an untold fill closed (each is recorded before its closing fill)
      while (j > 0 && l.tradeExitFill[j - 1] >= told) {
        j--;
      }
      while (told < l.fills) {
        int k = told++;
        boolean closed = j < l.trades && l.tradeExitFill[j] == k;
        double closedPnl = closed ? l.tradePnl[j] : 0;
        double closedReturn = closed ? l.tradeReturn[j] : 0;
        if (closed) {
          j++;
        }
        tell(l.fillOrder[k], l.fillTag[k], l.fillSide[k], l.fillPrice[k], l.fillQty[k], l.fillFee[k],
            (l.fillFlags[k] & Ledger.MAKER) != 0, closed, closedPnl, closedReturn);
      }
    } finally {
      flushing = false;
    }
    drainRejects();
  }

  /**
   * Tracks the drawdown of realised equity (capital plus realised P&amp;L, fees and funding; an
   * open spot position at cost), which changes only on fills and funding.
   */
  private void markRealised() {
    double r = perp ? book.cash() : book.cash() + book.cost();
    double peak = realisedPeak;
    if (r > peak) {
      realisedPeak = r;
    } else if (peak - r > realisedMaxDrawdown * peak) { // divide only for a new maximum
      realisedMaxDrawdown = (peak - r) / peak;
    }
  }

  private void openTrade() {
    tradeEntryIndex = cur;
    tradeEntryTime = t[cur];
    tradePnl = 0;
    tradePeakCost = 0;
    tradeDepth = 0;
  }

  /**
   * Cross margin on the whole wallet, with the core risk maths: the price at which equity falls to
   * the maintenance margin. Called only when the position or the wallet changes.
   */
  private void updateLiquidation() {
    liqPrice = pool == null ? book.liquidationPrice(mmf) : pool.liquidationPrice();
  }

  // ---------------------------------------------------------------- StrategyContext

  @Override
  public Instrument instrument() {
    return instrument;
  }

  @Override
  public BarSeries bars() {
    return this;
  }

  @Override
  public List<String> symbols() {
    return pool == null ? StrategyContext.super.symbols() : pool.symbols();
  }

  @Override
  public BarSeries bars(String sym) {
    if (pool == null || symbol.equals(sym)) {
      return pool == null ? StrategyContext.super.bars(sym) : this;
    }
    return pool.bars(sym, visible == 0 ? Long.MIN_VALUE : t[visible - 1] + stepMillis);
  }

  /**
   * The strategy's clock, by the kernel's rule of when a bar is known ({@code dev.nanpin.engine}):
   * {@code onBar} (and the signals and sizing of that moment) runs at the bar's close, open time
   * plus the bar length, as a live bot hears a bar when it closes; the fills of the bar's open
   * phase, and {@code onStart}, run at its open time.
   */
  @Override
  public long timeMillis() {
    return walking || visible == 0 ? t[cur] : t[cur] + stepMillis;
  }

  @Override
  public int index() {
    return visible - 1;
  }

  @Override
  public double price() {
    return mark;
  }

  @Override
  public AccountView account() {
    return this;
  }

  @Override
  public int submit(OrderIntent intent) {
    return place(intent, null); // tiny on purpose: see place
  }

  /** The order by its fields, without an intent: no garbage per order ({@link SimOrder#intent()}). */
  @Override
  public int submit(Side side, OrderType type, Sizing sizing, double amount, double limitPrice, boolean reduceOnly,
      boolean postOnly, int tag) {
    OrderIntent.validate(side, type, sizing, amount, limitPrice, postOnly);
    return place(null, obtain().init(nextOrderId++, side, type, sizing, amount, limitPrice, reduceOnly, postOnly, tag,
        walking ? cur : -1));
  }

  /**
   * Places an order. Deliberately one method, larger than the JIT's limit for inlining hot
   * callees: a strategy's {@code onBar} that calls {@code submit} then stays small once
   * compiled, so the JIT can inline {@code onBar} itself into the bar loop; order placement is
   * rare, the bar loop is not. For the same reason the intent becomes its order here and not in
   * {@link #submit(OrderIntent)}, which stays a one-call method (with the order built there, it
   * grew past what a strategy's {@code onBar} can inline and keep small: engine B's bar loop then
   * compiled without its strategy inlined, a third slower).
   *
   * @param intent the intent submitted, or {@code null} when {@code built} is the order
   * @param built the order built from an intent's fields, or {@code null} to build it from {@code intent}
   */
  private int place(OrderIntent intent, SimOrder built) {
    SimOrder ord = built;
    if (ord == null) {
      if (intent == null) {
        throw new IllegalArgumentException("intent must not be null");
      }
      ord = obtain().init(nextOrderId++, intent, walking ? cur : -1);
    }
    if (ord.type == OrderType.MARKET) {
      if (round) {
        // As on a venue, the order's quantity is fixed when it is sent, at the price then
        // (a refusal is recorded now and told after the callback).
        ord.presized = marketQuantity(ord, mark);
      }
      if (nMarkets == markets.length) {
        markets = Arrays.copyOf(markets, nMarkets * 2);
      }
      markets[nMarkets++] = ord;
      refreshWork();
      return ord.id;
    }
    double lim = round ? SimOrder.gridLimit(instrument, ord.sign, ord.limit) : ord.limit;
    if (!(lim > 0)) {
      return refuseAtSubmit(ord, "limit %s rounds to no price on the tick %s".formatted(ord.limit,
          instrument.tickSize().toPlainString()));
    }
    ord.limit = lim;
    boolean marketable = ord.sign > 0 ? lim >= mark : lim <= mark;
    if (ord.postOnly && marketable) {
      return refuseAtSubmit(ord, "post-only limit %s would take liquidity at %s".formatted(lim, mark));
    }
    ord.taker = marketable;
    double fee = marketable ? takerFee : makerFee;
    double unit = 0;
    if (ord.sizing == Sizing.SIZER) {
      unit = sizerUnit(ord, lim);
      if (unit < 0) {
        release(ord);
        return -1;
      }
      ord.quote = ord.amount * unit;
    } else if (ord.sizing == Sizing.QUOTE) {
      ord.quote = ord.amount;
    }
    double qty = sizedQuantity(ord, lim, fee, unit);
    if (!(qty > 0) || Double.isInfinite(qty)) {
      return refuseAtSubmit(ord, "order size is zero or not finite (" + qty + ")");
    }
    if (vetting) {
      String why = venueRefusal(ord, qty, lim);
      if (why != null) {
        return refuseAtSubmit(ord, why);
      }
      qty = ord.qty;
    }
    ord.qty = qty;
    double posQty = book.quantity();
    boolean reducing = posQty != 0 && (posQty > 0) != (ord.sign > 0);
    if (!ord.reduceOnly && !reducing) {
      double notional = qty * lim;
      double need = OrderSizing.requiredQuote(notional, fee, perp, leverage);
      double avail = pool == null ? book.available(mark, reserved, 0) : pool.available(0);
      if (!perp && ord.sign < 0) {
        return refuseAtSubmit(ord, "spot account cannot sell short");
      }
      String unaffordable = AccountBook.restRefusal(need, avail, perp);
      if (unaffordable != null) {
        return refuseAtSubmit(ord, unaffordable);
      }
      ord.reserved = need;
      reserved += need;
      notePeakCapital();
    }
    if (nResting == resting.length) {
      resting = Arrays.copyOf(resting, nResting * 2);
    }
    resting[nResting++] = ord;
    ledger.restLimit(ord.id, cur, ord.sign, lim);
    boundsDirty = true;
    refreshWork();
    return ord.id;
  }

  private int refuseAtSubmit(SimOrder ord, String reason) {
    refuse(-1, reason);
    release(ord);
    return -1;
  }

  @Override
  public boolean cancel(int orderId) {
    for (int k = 0; k < nResting; k++) {
      if (resting[k].id == orderId) {
        SimOrder ord = resting[k];
        removeResting(k);
        releaseReservation(ord);
        release(ord);
        return true;
      }
    }
    for (int k = 0; k < nMarkets; k++) {
      if (markets[k].id == orderId) {
        SimOrder ord = markets[k];
        System.arraycopy(markets, k + 1, markets, k, nMarkets - k - 1);
        markets[--nMarkets] = null;
        refreshWork();
        release(ord);
        return true;
      }
    }
    return false;
  }

  @Override
  public void cancelAll() {
    for (int k = 0; k < nResting; k++) {
      ledger.leaveBook(resting[k].id, cur);
      releaseReservation(resting[k]);
      release(resting[k]);
      resting[k] = null;
    }
    nResting = 0;
    boundsDirty = true;
    for (int k = 0; k < nMarkets; k++) {
      release(markets[k]);
      markets[k] = null;
    }
    nMarkets = 0;
    refreshWork();
  }

  @Override
  public int openOrderCount() {
    return nResting + nMarkets;
  }

  @Override
  public <S extends Signal> S signal(Class<S> type) {
    return type.cast(latestSignals.get(type));
  }

  /**
   * Delivers, before the strategy sees bar {@code i}'s close, every signal of the feed observed
   * at or before that close, then the computed feeds' readings of bar {@code i} (the order {@link
   * dev.nanpin.SignalFeed} documents): the latest of each type becomes {@link #signal}'s answer
   * and the strategy hears each one through {@code onSignal}. Out of line: without computed feeds
   * most bars have none.
   */
  private void deliverSignals(long closeMillis) {
    while (signalCursor < signalFeed.length && signalMillis[signalCursor] <= closeMillis) {
      deliverSignal(signalFeed[signalCursor++]);
    }
    if (computed != null) {
      computed.onBarClose(this, closeMillis, deliverComputed);
    }
    nextSignalBar = nextSignalBar(cur + 1);
    refreshWork();
  }

  private void deliverSignal(Signal s) {
    latestSignals.put(s.getClass(), s);
    strategy.onSignal(this, s);
    drainRejects();
  }

  // ---------------------------------------------------------------- BarSeries

  @Override
  public int size() {
    return visible;
  }

  private int check(int i) {
    // An intrinsic: one unsigned compare that C2 folds with the array's own bounds check.
    return Objects.checkIndex(i, visible);
  }

  @Override
  public long timeMillis(int i) {
    return t[check(i)];
  }

  @Override
  public double open(int i) {
    return open[check(i)];
  }

  @Override
  public double high(int i) {
    return high[check(i)];
  }

  @Override
  public double low(int i) {
    return low[check(i)];
  }

  @Override
  public double close(int i) {
    return close[check(i)];
  }

  @Override
  public double volume(int i) {
    return volume[check(i)];
  }

  // ---------------------------------------------------------------- AccountView
  // The engine is its strategy's account view itself, the kernel's BookAccountView over its book
  // (no object between the strategy and the hot loop's fields).

  @Override
  public AccountBook book() {
    return book;
  }

  /** The pool's figures (equity, free margin, collateral, free quote) when this engine is a portfolio's symbol. */
  @Override
  protected VenueAccount venue() {
    return pool;
  }

  @Override
  protected double mark() {
    return mark;
  }

  @Override
  protected double reservedQuote() {
    return reserved;
  }

  @Override
  public double makerFeeRate() {
    return makerFee;
  }

  @Override
  public double takerFeeRate() {
    return takerFee;
  }

  // ---------------------------------------------------------------- helpers

  private void refuse(int orderId, String reason) {
    ledger.refusals.add(new BacktestResult.Refusal(cur, t[cur], orderId, reason));
    if (nRejects == rejectIds.length) {
      rejectIds = Arrays.copyOf(rejectIds, nRejects * 2);
      rejectReasons = Arrays.copyOf(rejectReasons, nRejects * 2);
    }
    rejectIds[nRejects] = orderId;
    rejectReasons[nRejects] = reason;
    nRejects++;
    refreshWork();
  }

  /** Tells the strategy about refusals once its current callback has returned. */
  private void drainRejects() {
    if (nRejects == 0 || delivering || batching) {
      return;
    }
    delivering = true;
    try {
      for (int k = 0; k < nRejects; k++) {
        strategy.onOrderRejected(this, rejectIds[k], rejectReasons[k]);
        rejectReasons[k] = null;
      }
      nRejects = 0;
      refreshWork();
    } finally {
      delivering = false;
    }
  }

  private void releaseReservation(SimOrder ord) {
    reserved -= ord.reserved;
    if (reserved < 0 && reserved > -EPS) {
      reserved = 0;
    }
    ord.reserved = 0;
  }

  private void removeResting(int k) {
    ledger.leaveBook(resting[k].id, cur);
    System.arraycopy(resting, k + 1, resting, k, nResting - k - 1);
    resting[--nResting] = null;
    boundsDirty = true;
    refreshWork();
  }

  private SimOrder obtain() {
    return nFree > 0 ? free[--nFree] : new SimOrder();
  }

  private void release(SimOrder ord) {
    ord.intent = null;
    if (nFree == free.length) {
      free = Arrays.copyOf(free, nFree * 2);
    }
    free[nFree++] = ord;
  }
}
