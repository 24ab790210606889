package dev.nanpin.sim.portfolio;

import dev.nanpin.AccountView;
import dev.nanpin.BarSeries;
import dev.nanpin.Instrument;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderType;
import dev.nanpin.ExitReason;
import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.UnknownSymbolException;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.FillRules;
import dev.nanpin.engine.Liquidation;
import dev.nanpin.engine.OrderSizing;
import dev.nanpin.engine.PortfolioBook;
import dev.nanpin.engine.Rounding;
import dev.nanpin.engine.VisibleBars;
import dev.nanpin.sim.BacktestResult.FillRecord;
import dev.nanpin.sim.BacktestResult.Refusal;
import dev.nanpin.sim.BacktestResult.Trade;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.IntrabarPath;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.internal.SimOrder;
import dev.nanpin.spi.BarCloseSignals;
import dev.nanpin.spi.MutableExecution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One symbol of a portfolio run: its bars, orders and strategy, and the context its strategy sees.
 * The rules are the kernel's ({@link OrderSizing}, {@link FillRules}, {@link Rounding}, the
 * portfolio's {@link PortfolioBook}); the order of events within a bar is the single-symbol
 * simulator's: funding due by the open, market orders due at the open (next-open timing), the
 * intrabar sweep of resting orders and of the liquidation price, the signals known by the close
 * ({@link SimulationConfig#newBarCloseSignals()}, as in the single-symbol simulator), {@code onBar},
 * market orders at the close (signal-close timing). Every fill of one price print is applied before
 * the sizer and the strategy hear of any of them (the kernel's gap rule). The strategy's clock is
 * the single-symbol simulator's: a bar's open time during its open phase, its close time (open
 * time plus the bar length) from the signals and {@code onBar} on.
 *
 * <p>The account the strategy sees is the portfolio's: equity, cash and free margin are the shared
 * pool's; the position, average entry, entries and capital in use are this symbol's. Not
 * thread-safe: one run per thread.
 */
final class Leg implements StrategyContext, BarSeries, AccountView {
  private static final int MAX_MARKET_ROUNDS = 100_000;

  final int index;
  final String symbol;
  final BarData data;
  final SimulationConfig cfg;
  private final PortfolioRun run;
  private final PortfolioBook book;
  private final Instrument instrument;
  private final boolean perp;
  private final double leverage;
  private final double makerFee;
  private final double takerFee;
  private final double liquidationFee;
  private final double slip;
  private final boolean nextOpen;
  private final boolean pessimistic;
  private final boolean touch;
  private final boolean round;
  private final long fundingStep;
  private final long[] fundingTimes;
  /** The bar length: a bar is known at its open time plus this. */
  private final long stepMillis;
  private final double[] fundingRates;
  private int fundingCursor;
  private long nextFundingTime;

  private Strategy strategy;
  private Sizer sizer;
  private int cur;
  private int visible;
  private boolean walking;
  private final List<SimOrder> resting = new ArrayList<>();
  private final List<SimOrder> markets = new ArrayList<>();
  private int nextOrderId;
  double reserved;
  private final List<Object[]> pending = new ArrayList<>();
  private boolean batching;
  private boolean flushing;
  private final List<Refusal> undelivered = new ArrayList<>();
  private boolean delivering;
  private final MutableExecution exec = new MutableExecution();
  /** This symbol's recorded and computed signals; a new run state per run. */
  private BarCloseSignals signals;
  private final Map<Class<?>, Signal> latestSignals = new HashMap<>();
  /** Delivers one signal; a field, so that a bar close allocates no lambda. */
  private final Consumer<Signal> deliverSignal = this::deliverSignal;

  /** The run's symbols, in leg order ({@link #symbols()}). */
  private List<String> runSymbols;
  /** Per leg, its bars as this leg's strategy may see them ({@link #bars(String)}); {@code null} at this leg. */
  private VisibleBars[] others;

  final List<FillRecord> fills = new ArrayList<>();
  final List<Refusal> refusals = new ArrayList<>();
  final List<Trade> trades = new ArrayList<>();
  private int tradeEntryIndex;
  private long tradeEntryTime;
  private double tradePnl;
  private double tradePeakCost;
  private int tradeDepth;
  int barsInMarket;
  int maxDepth;
  double peakCapital;

  Leg(int index, PortfolioLeg leg, PortfolioRun run) {
    this.index = index;
    this.symbol = leg.symbol();
    this.data = leg.data();
    this.cfg = leg.config();
    this.run = run;
    this.book = run.book;
    this.instrument = cfg.instrument();
    this.perp = cfg.perpetual();
    this.leverage = cfg.leverage();
    this.makerFee = cfg.makerFeeBps() / 10_000.0;
    this.takerFee = cfg.takerFeeBps() / 10_000.0;
    this.liquidationFee = cfg.liquidationFeeBps() / 10_000.0;
    this.slip = cfg.slippageBps() / 10_000.0;
    this.nextOpen = cfg.fillTiming() == FillTiming.NEXT_OPEN;
    this.pessimistic = cfg.intrabarPath() == IntrabarPath.PESSIMISTIC;
    this.touch = cfg.limitFillsOnTouch();
    this.round = cfg.roundToInstrument();
    this.fundingStep = cfg.fundingInterval().toMillis();
    this.fundingTimes = cfg.hasFundingSeries() ? cfg.fundingTimes() : null;
    this.fundingRates = cfg.hasFundingSeries() ? cfg.fundingRates() : null;
    this.stepMillis = data.intervalMillis();
  }

  /** Links this leg to the run's other legs, once every leg exists. */
  void linkOthers(Leg[] legs) {
    String[] names = new String[legs.length];
    others = new VisibleBars[legs.length];
    for (int k = 0; k < legs.length; k++) {
      names[k] = legs[k].symbol;
      if (k != index) {
        others[k] = new VisibleBars(legs[k].symbol, legs[k].data, legs[k].data.intervalMillis());
      }
    }
    runSymbols = List.of(names);
  }

  // ---------------------------------------------------------------- the bar sequence

  void start(Strategy strat, Sizer siz) {
    this.strategy = strat;
    this.sizer = siz;
    cur = 0;
    visible = 0;
    signals = cfg.newBarCloseSignals();
    latestSignals.clear();
    run.marks[index] = data.open(0);
    long t0 = data.timeMillis(0);
    if (fundingTimes != null) {
      while (fundingCursor < fundingTimes.length && fundingTimes[fundingCursor] <= t0) {
        fundingCursor++;
      }
    } else {
      nextFundingTime = Math.floorDiv(t0, fundingStep) * fundingStep + fundingStep;
    }
    strategy.onStart(this);
    drainRejects();
  }

  /** Bar {@code i} of this symbol, whole: open phase, the signals known by its close, {@code onBar}, close-time market orders. */
  void bar(int i) {
    cur = i;
    walking = true;
    visible = i;
    double o = data.open(i);
    run.marks[index] = o;
    if (perp) {
      fund(o);
    }
    if (nextOpen && !markets.isEmpty()) {
      batching = true;
      try {
        fillMarkets(o, markets.size());
        fillCrossed(o, o, o, o);
      } finally {
        batching = false;
      }
      flushFills();
    }
    walkBar(i, o);
    walking = false;
    visible = i + 1;
    run.marks[index] = data.close(i);
    if (!signals.isEmpty()) {
      signals.onBarClose(this, data.timeMillis(i) + stepMillis, deliverSignal);
    }
    strategy.onBar(this);
    drainRejects();
    if (!nextOpen && !markets.isEmpty()) {
      fillMarkets(data.close(i), Integer.MAX_VALUE);
    }
    if (book.quantity(index) != 0) {
      barsInMarket++;
    }
  }

  void stop() {
    strategy.onStop(this);
    drainRejects();
    int last = data.size() - 1;
    for (SimOrder m : markets) {
      refusals.add(new Refusal(last, data.timeMillis(last), m.id, "end of data before the order could fill"));
    }
  }

  /** Pays the funding events due by the current bar's open at price {@code p} (none while flat). */
  private void fund(double p) {
    long t = data.timeMillis(cur);
    if (fundingTimes != null) {
      for (; fundingCursor < fundingTimes.length && fundingTimes[fundingCursor] <= t; fundingCursor++) {
        payFunding(p, fundingRates[fundingCursor]);
      }
    } else {
      for (; nextFundingTime <= t; nextFundingTime += fundingStep) {
        payFunding(p, cfg.fundingRate());
      }
    }
  }

  private void payFunding(double p, double rate) {
    if (book.quantity(index) != 0) {
      tradePnl -= book.payFunding(index, p, rate);
    }
  }

  // ---------------------------------------------------------------- intrabar path

  private void walkBar(int i, double o) {
    double h = data.high(i);
    double l = data.low(i);
    double c = data.close(i);
    boolean lowFirst = FillRules.lowFirst(pessimistic, o, h, l, book.quantity(index));
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
   * Fills, in the order the monotone move {@code from -> to} reaches them, the resting orders and
   * the cross-margin liquidation of this symbol's price (the other symbols' marks held).
   */
  private void sweep(double from, double to) {
    while (true) {
      double lo = Math.min(from, to);
      double hi = Math.max(from, to);
      double q = book.quantity(index);
      double bestDist = Double.POSITIVE_INFINITY;
      double bestPrice = Double.NaN;
      boolean liquidate = false;
      double liq = perp && q != 0
          ? Liquidation.fillPrice(q, run.liquidationPrice(index), from, lo, hi) : Double.NaN;
      if (!Double.isNaN(liq)) {
        bestPrice = liq;
        bestDist = Math.abs(from - liq);
        liquidate = true;
      }
      for (SimOrder ord : resting) {
        double p = reach(ord, from, lo, hi);
        if (!Double.isNaN(p) && Math.abs(from - p) < bestDist) {
          bestDist = Math.abs(from - p);
          bestPrice = p;
          liquidate = false;
        }
      }
      if (Double.isNaN(bestPrice)) {
        return;
      }
      run.marks[index] = bestPrice;
      if (liquidate) {
        liquidateAt(bestPrice);
        run.liquidations++;
        flushFills();
      } else {
        batching = true;
        try {
          fillCrossed(bestPrice, from, lo, hi);
        } finally {
          batching = false;
        }
        flushFills();
      }
      from = bestPrice;
    }
  }

  /** Where the move reaches {@code ord}, or {@code NaN}; a reducing order placed in this bar waits under the pessimistic path. */
  private double reach(SimOrder ord, double from, double lo, double hi) {
    if (ord.placedBar == cur && !FillRules.mayFillInBarOfPlacement(pessimistic, ord.sign, book.quantity(index))) {
      return Double.NaN;
    }
    return FillRules.limitFill(ord.sign, ord.limit, from, lo, hi, touch);
  }

  /** Fills every resting order the print at {@code p} crosses, in the order the price reaches their limits. */
  private void fillCrossed(double p, double from, double lo, double hi) {
    while (true) {
      SimOrder next = null;
      for (SimOrder ord : resting) {
        if (reach(ord, from, lo, hi) != p) {
          continue;
        }
        if (next == null || (ord.sign == next.sign
            ? FillRules.fillsBefore(ord.sign, ord.limit, ord.id, next.limit, next.id) : ord.id < next.id)) {
          next = ord;
        }
      }
      if (next == null) {
        return;
      }
      resting.remove(next);
      fill(next, p, next.qty, next.limitNotional(p), !next.taker, false);
    }
  }

  /**
   * Closes this symbol's perp position at its cross-margin liquidation price. Only the symbol
   * whose price breached is closed, at a price of its own path: another perp left below its
   * maintenance margin is closed when its own next price print reaches its liquidation price,
   * never at a carried-forward mark.
   */
  private void liquidateAt(double price) {
    double q = book.quantity(index);
    SimOrder tmp = new SimOrder().liquidation(q > 0 ? -1 : 1);
    double qty = Math.abs(q);
    batching = true;
    try {
      applyFill(tmp, price, qty, qty * price, Liquidation.fee(qty * price, takerFee, liquidationFee), false, true);
    } finally {
      batching = false;
    }
  }

  // ---------------------------------------------------------------- market orders

  private void fillMarkets(double ref, int limit) {
    int done = 0;
    while (!markets.isEmpty() && done < limit) {
      if (++done > MAX_MARKET_ROUNDS) {
        throw new IllegalStateException("strategy submitted more than %d market orders in one bar of %s at index %d"
            .formatted(MAX_MARKET_ROUNDS, symbol, cur));
      }
      SimOrder ord = markets.remove(0);
      double price = SimOrder.marketPrice(instrument, round, ord.sign, ref, slip);
      run.marks[index] = ref;
      double qty = Double.isNaN(ord.presized) ? marketQuantity(ord, price) : ord.presized;
      if (qty == -1) {
        continue;
      }
      if (!(qty > 0) || Double.isInfinite(qty)) {
        refuse(ord.id, ord.sizing == Sizing.POSITION_FRACTION && book.quantity(index) == 0
            ? "no position to close" : "order size is zero or not finite (" + qty + ")");
      } else {
        String why = venueRefusal(ord, qty, price);
        if (why != null) {
          refuse(ord.id, why);
        } else {
          fill(ord, price, ord.qty, ord.quote > 0 ? ord.quote : ord.qty * price, false, false);
        }
      }
      drainRejects();
    }
  }

  /** The base quantity of a market order at {@code price}, or {@code -1} after a refusal. */
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
    return OrderSizing.quantity(ord.sizing, ord.amount, price, takerFee, perp, leverage,
        OrderSizing.free(this, perp), book.quantity(index), unit);
  }

  private double sizerUnit(SimOrder ord, double price) {
    double unit = sizer.quoteSize(ord.intent, price, this, timeMillis());
    String why = SimOrder.sizerRefusal(ord.amount, unit);
    if (why != null) {
      refuse(ord.id, why);
      return -1;
    }
    return unit;
  }

  /**
   * Rounds the quantity to the step when rounding is on (refusing it below the minimum), then asks
   * the portfolio's guard. Sets {@code ord.qty}.
   *
   * @return {@code null} when the order may go on, else the reason it is refused
   */
  private String venueRefusal(SimOrder ord, double qty, double price) {
    String why = ord.setQuantity(qty, round, instrument, symbol);
    return why != null ? why : run.riskRefusal(this, ord.sign, ord.qty, price, ord.reduceOnly);
  }

  /** The notional of resting orders that would add to the position: the guard's "resting". */
  double addingNotional() {
    double pos = book.quantity(index);
    double adding = 0;
    for (SimOrder o : resting) {
      if ((o.sign > 0) == (pos >= 0)) {
        adding += o.qty * o.limit;
      }
    }
    return adding;
  }

  // ---------------------------------------------------------------- fills and the account

  /** Checks a fill against the shared pool by the kernel's fill-time rules, then applies it. */
  private void fill(SimOrder ord, double price, double qty, double notional, boolean maker, boolean liquidation) {
    int sign = ord.sign;
    double allowed = book.fillableQuantity(index, sign, qty, ord.reduceOnly);
    if (allowed < 0) {
      release(ord);
      refuse(ord.id, SimOrder.fillRefusal(allowed, qty, book.quantity(index)));
      return;
    }
    if (allowed != qty) {
      qty = allowed;
      notional = qty * price;
    }
    double fee = notional * (maker ? makerFee : takerFee);
    double need = book.fillRequirement(index, sign, qty, price, notional, fee);
    if (need > 0) {
      double avail = book.available(index, run.marks, run.reserved(), ord.reserved);
      if (!AccountBook.covers(need, avail)) {
        release(ord);
        refuse(ord.id, SimOrder.notEnough(false, perp, need, avail));
        return;
      }
    }
    release(ord);
    applyFill(ord, price, qty, notional, fee, maker, liquidation);
  }

  private void applyFill(SimOrder ord, double price, double qty, double notional, double fee, boolean maker,
      boolean liquidation) {
    int sign = ord.sign;
    double before = book.quantity(index);
    boolean adds = before == 0 || (before > 0) == (sign > 0);
    if (before == 0) {
      openTrade();
    }
    double pnl = book.applyFill(index, sign, qty, price, notional, fee);
    ExitReason exitReason = adds ? null : ExitReason.of(ord.tag, maker, liquidation);
    boolean closed = false;
    double closedPnl = 0;
    double closedReturn = 0;
    if (adds) {
      tradeDepth++;
      tradePnl -= fee;
      tradePeakCost = Math.max(tradePeakCost, book.cost(index));
      maxDepth = Math.max(maxDepth, book.entries(index));
    } else {
      tradePnl += pnl - fee;
      if (book.lastFillClosed(index)) {
        closed = true;
        closedPnl = tradePnl;
        closedReturn = SimOrder.tradeReturn(tradePnl, tradePeakCost, perp, leverage);
        trades.add(new Trade(tradeEntryIndex, cur, tradeEntryTime, data.timeMillis(cur), closedPnl, closedReturn,
            tradeDepth, exitReason));
        if (book.quantity(index) != 0) {
          openTrade();
          tradeDepth = 1;
          tradePeakCost = book.cost(index);
        }
      }
    }
    peakCapital = Math.max(peakCapital, capitalInUse());
    run.notePeakCapital();
    fills.add(new FillRecord(cur, data.timeMillis(cur), sign > 0 ? Side.BUY : Side.SELL, price, qty, notional, fee,
        ord.id, ord.tag, maker, liquidation, exitReason));
    pending.add(new Object[] {ord.id, ord.tag, sign, price, qty, fee, maker, closed, closedPnl, closedReturn});
    if (!batching) {
      flushFills();
    }
  }

  /** Tells the sizer and the strategy of the applied fills in fill order, then the refusals. */
  void flushFills() {
    if (flushing) {
      return;
    }
    flushing = true;
    try {
      for (int k = 0; k < pending.size(); k++) {
        Object[] f = pending.get(k);
        exec.set((int) f[0], (int) f[1], (int) f[2] > 0 ? Side.BUY : Side.SELL, (double) f[3], (double) f[4],
            (double) f[5], (boolean) f[6], true, data.timeMillis(cur));
        sizer.onFill(exec, this);
        if ((boolean) f[7]) {
          sizer.onTradeClosed((double) f[8], (double) f[9]);
        }
        strategy.onFill(this, exec);
        drainRejects();
      }
      pending.clear();
    } finally {
      flushing = false;
    }
    drainRejects();
  }

  private void openTrade() {
    tradeEntryIndex = cur;
    tradeEntryTime = data.timeMillis(cur);
    tradePnl = 0;
    tradePeakCost = 0;
    tradeDepth = 0;
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

  /** The legs' symbols, in the order the backtest was given them. */
  @Override
  public List<String> symbols() {
    return runSymbols;
  }

  /**
   * This symbol's bars, or another leg's bars that close strictly before this symbol's newest
   * visible bar closes ({@link VisibleBars}), whatever the order of the legs.
   */
  @Override
  public BarSeries bars(String sym) {
    if (symbol.equals(sym)) {
      return this;
    }
    for (int k = 0; k < others.length; k++) {
      if (k != index && runSymbols.get(k).equals(sym)) {
        return others[k].before(visible == 0 ? Long.MIN_VALUE : data.timeMillis(visible - 1) + stepMillis);
      }
    }
    throw new UnknownSymbolException(sym, runSymbols);
  }

  /**
   * The strategy's clock, by the kernel's rule of when a bar is known: its close time (open time
   * plus the bar length) from its signals and {@code onBar} on, its open time during its open
   * phase and in {@code onStart}.
   */
  @Override
  public long timeMillis() {
    long open = data.timeMillis(cur);
    return walking || visible == 0 ? open : open + stepMillis;
  }

  @Override
  public int index() {
    return visible - 1;
  }

  @Override
  public double price() {
    return run.marks[index];
  }

  @Override
  public AccountView account() {
    return this;
  }

  @Override
  public int submit(OrderIntent intent) {
    if (intent == null) {
      throw new IllegalArgumentException("intent must not be null");
    }
    SimOrder ord = new SimOrder().init(nextOrderId++, intent, walking ? cur : -1);
    double mark = run.marks[index];
    if (intent.type() == OrderType.MARKET) {
      if (round) {
        // As on a venue, the quantity is fixed when the order is sent, at the price then (a
        // refusal is recorded now, -1, and told after the callback).
        ord.presized = marketQuantity(ord, mark);
      }
      markets.add(ord);
      return ord.id;
    }
    double lim = round ? SimOrder.gridLimit(instrument, ord.sign, ord.limit) : ord.limit;
    if (!(lim > 0)) {
      return refuseAtSubmit("limit %s rounds to no price on the tick %s".formatted(ord.limit,
          instrument.tickSize().toPlainString()));
    }
    ord.limit = lim;
    boolean marketable = ord.sign > 0 ? lim >= mark : lim <= mark;
    if (intent.postOnly() && marketable) {
      return refuseAtSubmit("post-only limit %s would take liquidity at %s".formatted(lim, mark));
    }
    ord.taker = marketable;
    double fee = marketable ? takerFee : makerFee;
    double unit = 0;
    if (ord.sizing == Sizing.SIZER) {
      unit = sizerUnit(ord, lim);
      if (unit < 0) {
        return -1;
      }
      ord.quote = ord.amount * unit;
    } else if (ord.sizing == Sizing.QUOTE) {
      ord.quote = ord.amount;
    }
    double qty = OrderSizing.quantity(ord.sizing, ord.amount, lim, fee, perp, leverage, OrderSizing.free(this, perp),
        book.quantity(index), unit);
    if (!(qty > 0) || Double.isInfinite(qty)) {
      return refuseAtSubmit("order size is zero or not finite (" + qty + ")");
    }
    String why = venueRefusal(ord, qty, lim);
    if (why != null) {
      return refuseAtSubmit(why);
    }
    double posQty = book.quantity(index);
    boolean reducing = posQty != 0 && (posQty > 0) != (ord.sign > 0);
    if (!ord.reduceOnly && !reducing) {
      if (!perp && ord.sign < 0) {
        return refuseAtSubmit("spot account cannot sell short");
      }
      double need = OrderSizing.requiredQuote(ord.qty * lim, fee, perp, leverage);
      double avail = book.available(index, run.marks, run.reserved(), 0);
      String unaffordable = AccountBook.restRefusal(need, avail, perp);
      if (unaffordable != null) {
        return refuseAtSubmit(unaffordable);
      }
      ord.reserved = need;
      reserved += need;
      peakCapital = Math.max(peakCapital, capitalInUse());
      run.notePeakCapital();
    }
    resting.add(ord);
    return ord.id;
  }

  private int refuseAtSubmit(String reason) {
    refuse(-1, reason);
    return -1;
  }

  @Override
  public boolean cancel(int orderId) {
    for (List<SimOrder> list : List.of(resting, markets)) {
      for (int k = 0; k < list.size(); k++) {
        if (list.get(k).id == orderId) {
          release(list.remove(k));
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void cancelAll() {
    for (SimOrder o : resting) {
      release(o);
    }
    resting.clear();
    markets.clear();
  }

  @Override
  public int openOrderCount() {
    return resting.size() + markets.size();
  }

  @Override
  public <S extends Signal> S signal(Class<S> type) {
    return type.cast(latestSignals.get(type));
  }

  private void deliverSignal(Signal s) {
    latestSignals.put(s.getClass(), s);
    strategy.onSignal(this, s);
    drainRejects();
  }

  // ---------------------------------------------------------------- BarSeries: bars 0..visible-1

  @Override
  public int size() {
    return visible;
  }

  private int check(int i) {
    if (i < 0 || i >= visible) {
      throw new IndexOutOfBoundsException("bar " + i + " of " + visible + " visible bars of " + symbol);
    }
    return i;
  }

  @Override
  public long timeMillis(int i) {
    return data.timeMillis(check(i));
  }

  @Override
  public double open(int i) {
    return data.open(check(i));
  }

  @Override
  public double high(int i) {
    return data.high(check(i));
  }

  @Override
  public double low(int i) {
    return data.low(check(i));
  }

  @Override
  public double close(int i) {
    return data.close(check(i));
  }

  @Override
  public double volume(int i) {
    return data.volume(check(i));
  }

  // ---------------------------------------------------------------- AccountView: the shared pool, this symbol's position

  @Override
  public double equity() {
    return run.equity();
  }

  @Override
  public double cash() {
    return perp ? freeMargin() : book.cash() - run.reserved();
  }

  @Override
  public double freeMargin() {
    return run.freeMargin();
  }

  @Override
  public double collateral() {
    return equity();
  }

  /** This symbol's capital in use: its spot cost or perp margin plus its own resting reservations. */
  @Override
  public double capitalInUse() {
    return book.marginInUse(index) + reserved;
  }

  @Override
  public double positionQuantity() {
    return book.quantity(index);
  }

  @Override
  public double averageEntryPrice() {
    return book.averageEntry(index);
  }

  @Override
  public int entryCount() {
    return book.entries(index);
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
    Refusal r = new Refusal(cur, data.timeMillis(cur), orderId, reason);
    refusals.add(r);
    undelivered.add(r);
  }

  /** Tells the strategy about refusals once its current callback has returned. */
  void drainRejects() {
    if (undelivered.isEmpty() || delivering || batching) {
      return;
    }
    delivering = true;
    try {
      for (int k = 0; k < undelivered.size(); k++) {
        Refusal r = undelivered.get(k);
        strategy.onOrderRejected(this, r.orderId(), r.reason());
      }
      undelivered.clear();
    } finally {
      delivering = false;
    }
  }

  private void release(SimOrder ord) {
    reserved -= ord.reserved;
    if (reserved < 0 && reserved > -AccountBook.TOLERANCE) {
      reserved = 0;
    }
    ord.reserved = 0;
  }
}
