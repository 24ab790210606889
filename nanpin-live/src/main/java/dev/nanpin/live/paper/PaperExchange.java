package dev.nanpin.live.paper;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InsufficientFundsException;
import dev.nanpin.NotFoundException;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRejectedException;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.OrderType;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.FillRules;
import dev.nanpin.engine.Liquidation;
import dev.nanpin.engine.OrderSizing;
import dev.nanpin.engine.Rounding;
import dev.nanpin.risk.MaintenanceMargin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A simulated {@link Exchange} (provider id {@code paper}): real market data in, simulated fills,
 * balances and positions out, so that the live engine, its store and its reconciliation run
 * without keys or money.
 *
 * <h2>Market data</h2>
 * Either a replay of bars ({@link #replay}: a CSV history, advanced one bar per {@link #advance()}
 * call, at full speed or paced by the caller) or another exchange's public data ({@link #mirror}:
 * instruments, tickers, books, bars and streams of, say, Backpack, with no credentials).
 *
 * <h2>Fill rules</h2>
 * The simulator's, through {@link FillRules}: a market order fills at once at the mark moved
 * against it by the slippage (rounded to the tick against the order), paying the taker fee. A
 * limit order that would cross at placement fills at once at the mark, never worse than its
 * limit (taker); otherwise it rests and fills, paying the maker fee, when the price trades through
 * it: at its limit, or at the start of the move if that was already past it (a gap). A bar is
 * walked open, nearer extreme, other extreme, close ({@link PaperConfig#pessimisticPath()}: first
 * the extreme adverse to the position held after the open, and an order placed during the bar
 * that would reduce the position, a take-profit, waits for the next bar), so orders fill in the
 * order the price reaches them; a mirrored ticker is a move from the previous mark to its last
 * price. Whether the account can take a fill, and what a resting order reserves, are the kernel's
 * rules ({@link AccountBook#fillableQuantity}, {@link AccountBook#covers}, {@link
 * OrderSizing#requiredQuote}): a fill the account cannot take cancels its order.
 *
 * <h2>Account</h2>
 * Spot: buys spend quote (limit buys lock it while they rest), sells need the base asset. Perps:
 * margin at {@link PaperConfig#leverage()}, realised P&amp;L and fees on the quote balance,
 * unrealised P&amp;L in equity; funding every {@link PaperConfig#fundingInterval()} at the
 * configured rate (or a {@linkplain PaperConfig#fundingFeed() funding feed}'s; a perpetual with
 * neither is refused, {@link PaperConfig#requireFundingSource()}), charged at the open of the first
 * bar (or the first ticker) at or after each event; liquidation at the kernel's liquidation price
 * (cross margin on the wallet, {@link PaperConfig#maintenanceMargin()}, by default the
 * backtester's model {@link Liquidation#DEFAULT_MAINTENANCE_MARGIN}): the whole position is
 * closed at that price, paying the taker fee plus the liquidation fee ({@link Liquidation}, {@link
 * PaperConfig#liquidationFeeRate()}), as a fill of no order of ours ({@code clientId -1}). The account
 * is the engine kernel's {@link AccountBook}, the same rules as the backtester and the live engine;
 * prices and quantities stay exact {@link BigDecimal}s on the instrument's grid.
 *
 * <h2>Durability</h2>
 * With a state file, every change (order, fill, replay position) is written to it, by an atomic
 * rename, before the call returns or the event is sent: a killed process restarts from the last
 * state the engine could have seen, as a real venue would keep its orders.
 *
 * <p>Thread-safe: one lock; listeners are called outside it, on the caller's thread.
 */
public final class PaperExchange implements Exchange {
  private static final MathContext MC = MathContext.DECIMAL64;
  /** The simulator's default: a limit fills only when the price trades through it. */
  private static final boolean LIMIT_FILLS_ON_TOUCH = false;

  private final PaperConfig cfg;
  private final Instrument instrument;
  private final List<Bar> replay;
  private final Duration interval;
  private final Exchange upstream;
  private final Path stateFile;
  private final List<ExchangeListener> market = new CopyOnWriteArrayList<>();
  private final List<ExchangeListener> account = new CopyOnWriteArrayList<>();
  private final Clock clock;
  /** The lock of this exchange: its own, or the pool's when it is one market of a {@link PaperPortfolio}. */
  private final Object lock;
  /** The shared pool of a {@link PaperPortfolio}'s market, or {@code null}. */
  private final PaperPool pool;
  private final int poolIndex;
  /** Prefixes the order and fill ids: empty, or the symbol on a market of a portfolio (ids unique venue-wide). */
  private final String idPrefix;

  // guarded by lock
  /** The kernel's account book: cash or wallet, average entry, fees, funding, realised P&amp;L. */
  private final AccountBook book = new AccountBook();
  /** The exact position (the book's quantity is this as a double). */
  private BigDecimal position = BigDecimal.ZERO;
  private final MaintenanceMargin mmf;
  /** The next funding event, epoch ms; {@code Long.MIN_VALUE} until the first price. */
  private long nextFunding = Long.MIN_VALUE;
  private long liquidations;
  /** Whether a replay stands between two bars (its last bar played, the next not begun). */
  private boolean betweenBars;
  /** Resting orders of a replay that were marketable when placed: they pay the taker fee. */
  private final java.util.Set<String> takers = new java.util.HashSet<>();
  /** The quote each resting order reserved at placement ({@link OrderSizing#requiredQuote}), by order id. */
  private final Map<String, Double> reservations = new java.util.HashMap<>();
  /** The sum of {@link #reservations}, kept as the backtester keeps it. */
  private double reserved;
  /** Whether a replay's bar is being walked: orders placed now may wait for the next bar. */
  private boolean walking;
  /** The orders placed while the current bar was walked. */
  private final java.util.Set<String> placedInBar = new java.util.HashSet<>();
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final List<Fill> fills = new ArrayList<>();
  private long nextOrderId = 1;
  private long nextFillId = 1;
  private int cursor;
  private BigDecimal mark;
  private Instant now;
  private boolean closed;

  private PaperExchange(PaperConfig cfg, List<Bar> replay, Duration interval, int historyBars, Exchange upstream,
      Path stateFile) {
    this(cfg, replay, interval, historyBars, upstream, stateFile, null, -1);
  }

  /**
   * One market of a {@link PaperPortfolio}: its book starts with no cash (its cash is the market's
   * cash flow into the pool) and it locks the pool's lock.
   */
  PaperExchange(PaperConfig cfg, List<Bar> replay, Duration interval, int historyBars, Exchange upstream,
      Path stateFile, PaperPool pool, int poolIndex) {
    this.pool = pool;
    this.poolIndex = poolIndex;
    this.lock = pool == null ? this : pool.lock;
    this.idPrefix = pool == null ? "" : cfg.instrument().symbol() + "-";
    this.cfg = Objects.requireNonNull(cfg, "config");
    this.instrument = cfg.instrument();
    this.replay = replay;
    this.interval = interval;
    this.upstream = upstream;
    this.stateFile = stateFile;
    this.book.reset(cfg.perp(), cfg.leverage(), pool == null ? cfg.initialCash().doubleValue() : 0);
    this.mmf = cfg.requireFundingSource().maintenanceMargin();
    if (replay != null) {
      if (replay.isEmpty()) {
        throw new IllegalArgumentException("a replay needs at least one bar");
      }
      if (historyBars < 0 || historyBars >= replay.size()) {
        throw new IllegalArgumentException("historyBars must be in [0, %d): %d".formatted(replay.size(), historyBars));
      }
      cursor = historyBars;
      // the close time of the last bar played
      this.clock = new ReplayClock(() -> {
        synchronized (lock) {
          return now;
        }
      });
    } else {
      this.clock = Clock.systemUTC();
    }
    if (stateFile != null && Files.isRegularFile(stateFile)) {
      load();
    } else {
      positionAt(cursor);
    }
  }

  /**
   * A paper exchange replaying bars: the first {@code historyBars} are history, the rest are
   * played one per {@link #advance()}.
   *
   * @param config the account
   * @param bars the bars, oldest first, one interval apart
   * @param interval the bar length
   * @param historyBars how many bars are history before the first {@code advance}
   * @param stateFile where the state is kept across restarts, or {@code null} to keep it in memory;
   *     an existing file is loaded and the replay resumes where it stopped
   * @return the exchange
   * @throws dev.nanpin.ConfigException naming {@code fundingRate} for a perpetual without a funding
   *     rate or feed ({@link PaperConfig#requireFundingSource()})
   */
  public static PaperExchange replay(PaperConfig config, List<Bar> bars, Duration interval, int historyBars,
      Path stateFile) {
    Objects.requireNonNull(bars, "bars");
    Objects.requireNonNull(interval, "interval");
    return new PaperExchange(config, List.copyOf(bars), interval, historyBars, null, stateFile);
  }

  /**
   * A paper exchange on another exchange's public market data (no credentials needed).
   *
   * @param config the account; its instrument should be the upstream's
   * @param upstream the source of instruments, tickers, books, bars and market streams; not closed
   *     by this exchange
   * @param stateFile where the state is kept across restarts, or {@code null}
   * @return the exchange
   * @throws dev.nanpin.ConfigException naming {@code fundingRate} for a perpetual without a funding
   *     rate or feed ({@link PaperConfig#requireFundingSource()})
   */
  public static PaperExchange mirror(PaperConfig config, Exchange upstream, Path stateFile) {
    Objects.requireNonNull(upstream, "upstream");
    return new PaperExchange(config, null, null, 0, upstream, stateFile);
  }

  /** @return the exchange's clock: the replay time (the close of the last bar played), or the wall clock */
  public Clock clock() {
    return clock;
  }

  /** @return the account settings */
  public PaperConfig config() {
    return cfg;
  }

  /** @return on a replay, whether every bar has been played */
  public boolean finished() {
    synchronized (lock) {
      return replay != null && cursor >= replay.size();
    }
  }

  /** @return on a replay, the open time of the next bar to play, or {@code null} when none is left */
  Instant nextBarTime() {
    synchronized (lock) {
      return replay == null || cursor >= replay.size() ? null : replay.get(cursor).time();
    }
  }

  /** @return on a replay, the number of bars played or given as history */
  public int cursor() {
    synchronized (lock) {
      return cursor;
    }
  }

  private void positionAt(int c) {
    if (replay == null) {
      now = Instant.now();
      mark = null;
      return;
    }
    if (c == 0) {
      now = replay.get(0).time();
      mark = replay.get(0).open();
    } else {
      Bar last = replay.get(c - 1);
      now = last.time().plus(interval);
      mark = last.close();
    }
  }

  /**
   * Plays the next bar of a replay: resting orders fill along the bar's path, then the account
   * listeners hear the fills and the market listeners the bar and a ticker at its close.
   *
   * @return {@code false} when the replay was already finished
   * @throws IllegalStateException if this is not a replay
   */
  public boolean advance() {
    return advance(null);
  }

  /**
   * Plays the next bar of a replay print by print: after each price print that filled orders
   * (all the orders that print crossed, by the kernel's gap rule), the account listeners hear its
   * fills and {@code afterPrint} runs with no lock held, so that an engine can apply them and
   * place or cancel orders before the path goes on from that price, as the backtester's strategy
   * does; then the market listeners hear the bar and a ticker at its close. With a {@code null}
   * hook, every fill of the bar is heard after the whole path, as {@link #advance()} does.
   *
   * @param afterPrint what runs after each print that filled something (e.g. the engine's
   *     {@code flush}), or {@code null}
   * @return {@code false} when the replay was already finished
   * @throws IllegalStateException if this is not a replay
   */
  public boolean advance(Runnable afterPrint) {
    if (replay == null) {
      throw new IllegalStateException("advance() is for replays; a mirror follows its upstream");
    }
    List<Object> events = new ArrayList<>();
    Bar bar;
    synchronized (lock) {
      ensureOpen();
      if (cursor >= replay.size()) {
        return false;
      }
      bar = replay.get(cursor);
      now = bar.time();
      chargeFunding(bar.time(), bar.open());
      betweenBars = false;
      walking = true;
      placedInBar.clear();
      mark = bar.open();
      fillMarkets(bar.open(), events);
    }
    // the open print (the market orders due and the resting orders the open crossed), then
    // open -> first extreme -> other -> close, the extremes' order by the position after the open
    walkTo(bar.open(), bar.open(), events, afterPrint);
    BigDecimal[] path;
    synchronized (lock) {
      path = path(bar.open(), bar.high(), bar.low(), bar.close());
    }
    BigDecimal from = bar.open();
    for (int k = 1; k < path.length; k++) {
      walkTo(from, path[k], events, afterPrint);
      from = path[k];
    }
    synchronized (lock) {
      walking = false;
      cursor++;
      now = bar.time().plus(interval);
      mark = bar.close();
      betweenBars = true;
      save();
    }
    publish(events);
    Ticker t = new Ticker(instrument.symbol(), bar.close(), bar.close(), bar.close(), bar.time().plus(interval));
    for (ExchangeListener l : market) {
      l.onBar(instrument.symbol(), bar);
      l.onTicker(t);
    }
    return true;
  }

  /**
   * Walks the monotone move {@code from -> to} print by print; after each print that filled
   * something, the listeners hear its fills and {@code afterPrint} runs (no lock held).
   */
  private void walkTo(BigDecimal from, BigDecimal to, List<Object> events, Runnable afterPrint) {
    while (true) {
      BigDecimal print;
      synchronized (lock) {
        print = sweepPrint(from, to, events);
        if (print != null) {
          mark = print;
        }
        if (afterPrint != null && (print != null || !events.isEmpty())) {
          // Durable before anyone hears of it: the market fills of the open come without a
          // print of their own. A venue never forgets a fill it has reported.
          save();
        }
      }
      if (afterPrint != null && !events.isEmpty()) {
        publish(events);
        events.clear();
        afterPrint.run();
      }
      if (print == null) {
        return;
      }
      from = print;
    }
  }

  private void publish(List<Object> events) {
    for (Object e : events) {
      for (ExchangeListener l : account) {
        if (e instanceof Fill f) {
          l.onFill(f);
        } else if (e instanceof Order o) {
          l.onOrder(o);
        }
      }
    }
  }

  /**
   * Fills the market orders waiting for the next price of a replay at {@code open} moved by the
   * slippage and rounded to the tick against the order, taker fee, oldest first. Caller holds the
   * lock.
   */
  private void fillMarkets(BigDecimal open, List<Object> events) {
    for (Order o : new ArrayList<>(orders.values())) {
      if (o.type() == OrderType.MARKET && !o.status().isTerminal()) {
        int sign = o.side().sign();
        execute(o, Rounding.marketPrice(instrument, sign, FillRules.marketFill(sign, open.doubleValue(),
            cfg.slippage())), false, events);
      }
    }
  }

  /**
   * The points of a bar's path: open, first extreme, other extreme, close ({@link
   * FillRules#lowFirst}: the nearer extreme first, or under the pessimistic path the one adverse to
   * the position). Caller holds the lock.
   */
  private BigDecimal[] path(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
    boolean lowFirst = FillRules.lowFirst(cfg.pessimisticPath(), open.doubleValue(), high.doubleValue(),
        low.doubleValue(), position.doubleValue());
    return new BigDecimal[] {open, lowFirst ? low : high, lowFirst ? high : low, close};
  }

  /**
   * Walks a bar's path, filling resting limit orders in the order the price reaches them, with
   * {@link FillRules} as the simulator does. Caller holds the lock.
   */
  private void walk(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, List<Object> events) {
    BigDecimal from = open;
    for (BigDecimal to : path(open, high, low, close)) {
      sweep(from, to, events);
      from = to;
    }
  }

  /** Fills the resting orders the monotone move {@code from -> to} reaches, print by print. */
  private void sweep(BigDecimal from, BigDecimal to, List<Object> events) {
    BigDecimal print;
    while ((print = sweepPrint(from, to, events)) != null) {
      from = print;
    }
  }

  /**
   * Fills what the first price print of the monotone move {@code from -> to} reaches: a
   * liquidation, or every resting order that print crosses, in the order their limits would be
   * reached (the kernel's gap rule). Caller holds the lock.
   *
   * @return the print's price, or {@code null} when the move reaches nothing
   */
  private BigDecimal sweepPrint(BigDecimal from, BigDecimal to, List<Object> events) {
    BigDecimal print = null;
    while (true) {
      double f = from.doubleValue();
      double lo = Math.min(f, to.doubleValue());
      double hi = Math.max(f, to.doubleValue());
      Order best = null;
      double bestDistance = Double.POSITIVE_INFINITY;
      double liq = Liquidation.fillPrice(book.quantity(), liquidationPrice(), f, lo, hi);
      boolean liquidate = false;
      if (!Double.isNaN(liq)) {
        bestDistance = Math.abs(f - liq);
        liquidate = true;
      }
      for (Order o : orders.values()) {
        if (o.status().isTerminal() || o.type() != OrderType.LIMIT) {
          continue;
        }
        int sign = o.side().sign();
        if (walking && placedInBar.contains(o.orderId())
            && !FillRules.mayFillInBarOfPlacement(cfg.pessimisticPath(), sign, position.doubleValue())) {
          continue; // a take-profit placed during this bar waits for the next (pessimistic path)
        }
        double lim = o.limitPrice().doubleValue();
        double p = FillRules.limitFill(sign, lim, f, lo, hi, LIMIT_FILLS_ON_TOUCH);
        if (Double.isNaN(p)) {
          continue;
        }
        double d = Math.abs(f - p);
        // the gap rule: orders one print crosses fill in the order their limits would be reached
        boolean before = best != null && d == bestDistance && best.side() == o.side()
            && FillRules.fillsBefore(sign, lim, 0, best.limitPrice().doubleValue(), 1);
        if (d < bestDistance || before) {
          bestDistance = d;
          best = o;
          liquidate = false;
        }
      }
      if (liquidate) {
        BigDecimal at = Rounding.decimal(liq);
        if (print != null && at.compareTo(print) != 0) {
          return print;
        }
        mark = at;
        liquidate(at, events);
        return at;
      }
      if (best == null) {
        return print;
      }
      // limitFill answers the limit or the start of the move: take that decimal exactly
      BigDecimal price = best.side() == Side.BUY ? best.limitPrice().min(from) : best.limitPrice().max(from);
      if (print != null && price.compareTo(print) != 0) {
        return print; // the next print: its own turn
      }
      mark = price;
      execute(best, price, !takers.remove(best.orderId()), events);
      print = price;
      from = price;
    }
  }

  /**
   * Fills the rest of an order at a price, by the kernel's rules of what the account can take (a
   * reduce-only order or a spot sell is cut to the position); an order the account cannot carry
   * is cancelled.
   */
  private void execute(Order o, BigDecimal price, boolean maker, List<Object> events) {
    int sign = o.side().sign();
    BigDecimal qty = o.remainingQuantity();
    double allowed = book.fillableQuantity(sign, qty.doubleValue(), o.reduceOnly());
    if (allowed >= 0 && allowed < qty.doubleValue()) {
      qty = position.abs(); // cut to the position, exactly
    }
    BigDecimal fee = price.multiply(qty).multiply(BigDecimal.valueOf(maker ? cfg.makerFeeRate() : cfg.takerFeeRate()));
    boolean affordable = allowed >= 0 && qty.signum() > 0 && AccountBook.covers(
        book.fillRequirement(sign, qty.doubleValue(), price.doubleValue(), qty.doubleValue() * price.doubleValue(),
            fee.doubleValue()),
        available(reservations.getOrDefault(o.orderId(), 0.0)));
    release(o.orderId());
    if (!affordable) {
      // The venue refuses the fill: the order ends rejected (not cancelled: nobody asked), and the
      // engine tells the strategy, as the backtester refuses a fill it cannot pay for.
      Order rejected = with(o, OrderStatus.REJECTED, o.filledQuantity());
      orders.put(o.orderId(), rejected);
      events.add(rejected);
      return;
    }
    applyFill(o.side(), qty, price, fee);
    Fill f = new Fill(idPrefix + "P" + nextFillId++, o.orderId(), o.clientId(), o.symbol(), o.side(), price, qty, fee,
        instrument.quote(), maker, now);
    fills.add(f);
    Order done = with(o, OrderStatus.FILLED, o.filledQuantity().add(qty));
    orders.put(o.orderId(), done);
    events.add(f);
    events.add(done);
  }

  /**
   * Takes an order's reservation off the account's reserved quote, as the backtester does.
   *
   * @return the reservation released ({@code 0} for none)
   */
  private double release(String orderId) {
    Double r = reservations.remove(orderId);
    if (r == null) {
      return 0;
    }
    reserved -= r;
    if (reserved < 0 && reserved > -AccountBook.TOLERANCE) {
      reserved = 0;
    }
    return r;
  }

  /**
   * What the account has free for a fill or a new order ({@link AccountBook#available}); on a
   * market of a {@link PaperPortfolio}, what the shared pool has ({@link
   * dev.nanpin.engine.PortfolioBook#available}). Caller holds the lock.
   */
  private double available(double own) {
    return pool == null ? book.available(markOrEntry(), reserved, own) : pool.available(poolIndex, own);
  }

  /** The liquidation price of the position: on its own margin, or on the pool's cross margin. Caller holds the lock. */
  private double liquidationPrice() {
    return pool == null ? book.liquidationPrice(mmf) : pool.liquidationPrice(poolIndex);
  }

  /** @return the market's own book (a {@link PaperPool} reads it); caller holds the lock */
  AccountBook book() {
    return book;
  }

  /** @return the market's maintenance-margin model */
  MaintenanceMargin maintenanceMargin() {
    return mmf;
  }

  /** @return the quote this market's resting orders reserve; caller holds the lock */
  double reserved() {
    return reserved;
  }

  /** @return the exact position; caller holds the lock */
  BigDecimal position() {
    return position;
  }

  /** The price the account is marked at: the mark, or the average entry before the first price. */
  double markOrEntry() {
    return mark == null ? book.averageEntry() : mark.doubleValue();
  }

  /** Applies a fill to the kernel's book and the exact position. */
  private void applyFill(Side side, BigDecimal qty, BigDecimal price, BigDecimal fee) {
    double q = qty.doubleValue();
    double p = price.doubleValue();
    book.applyFill(side.sign(), q, p, q * p, fee.doubleValue());
    position = position.add(side == Side.BUY ? qty : qty.negate());
    book.restorePosition(position.doubleValue(), book.averageEntry(), book.entries());
  }

  /**
   * Charges the funding events due by {@code time} at {@code price} (perps), through the kernel's
   * book: at the configured rate, or the funding feed's current rate when one is set.
   */
  private void chargeFunding(Instant time, BigDecimal price) {
    if (!cfg.perp()) {
      return;
    }
    long t = time.toEpochMilli();
    long step = cfg.fundingInterval().toMillis();
    if (nextFunding == Long.MIN_VALUE) {
      nextFunding = Math.floorDiv(t, step) * step + step;
      return;
    }
    while (nextFunding <= t) {
      double rate = cfg.fundingFeed() != null ? cfg.fundingFeed().getAsDouble() : cfg.fundingRate();
      book.payFunding(price.doubleValue(), rate);
      nextFunding += step;
    }
  }

  /**
   * Closes the whole position at {@code price}, taker fee plus liquidation fee ({@link
   * Liquidation#fee}), as the venue's liquidation engine would: a fill of no order of ours (client
   * id {@code -1}).
   */
  private void liquidate(BigDecimal price, List<Object> events) {
    Side side = position.signum() > 0 ? Side.SELL : Side.BUY;
    BigDecimal qty = position.abs();
    BigDecimal fee = Rounding.decimal(Liquidation.fee(qty.doubleValue() * price.doubleValue(), cfg.takerFeeRate(),
        cfg.liquidationFeeRate()));
    applyFill(side, qty, price, fee);
    Fill f = new Fill(idPrefix + "P" + nextFillId++, idPrefix + "LIQ" + ++liquidations, -1, instrument.symbol(), side, price, qty, fee,
        instrument.quote(), false, now);
    fills.add(f);
    events.add(f);
  }

  /** @return the number of liquidations so far */
  public long liquidations() {
    synchronized (lock) {
      return liquidations;
    }
  }

  /** @return the funding paid so far (negative: received), quote units */
  public BigDecimal fundingPaid() {
    synchronized (lock) {
      return Rounding.decimal(book.funding());
    }
  }

  private BigDecimal cash() {
    return Rounding.decimal(book.cash());
  }

  private BigDecimal entry() {
    return Rounding.decimal(book.averageEntry());
  }

  private BigDecimal unrealized() {
    return mark == null ? BigDecimal.ZERO : Rounding.decimal(book.unrealisedPnl(mark.doubleValue()));
  }

  private static Order with(Order o, OrderStatus status, BigDecimal filled) {
    return new Order(o.orderId(), o.clientId(), o.symbol(), o.side(), o.type(), status, o.quantity(), filled,
        o.limitPrice(), o.reduceOnly(), o.createdAt());
  }

  // ---- Exchange -------------------------------------------------------------------------------

  @Override
  public String id() {
    return "paper";
  }

  @Override
  public List<Instrument> instruments() {
    return List.of(instrument);
  }

  @Override
  public Instrument instrument(String symbol) {
    checkSymbol(symbol);
    return instrument;
  }

  private void checkSymbol(String symbol) {
    if (!instrument.symbol().equals(symbol)) {
      throw new NotFoundException(id(), "MARKET_NOT_FOUND", "paper exchange trades only " + instrument.symbol()
          + ", not " + symbol, null);
    }
  }

  @Override
  public Ticker ticker(String symbol) {
    checkSymbol(symbol);
    if (upstream != null) {
      return upstream.ticker(symbol);
    }
    synchronized (lock) {
      return new Ticker(symbol, mark, mark, mark, now);
    }
  }

  @Override
  public OrderBook orderBook(String symbol, int depth) {
    checkSymbol(symbol);
    if (upstream != null) {
      return upstream.orderBook(symbol, depth);
    }
    synchronized (lock) {
      // a one-level book a tick either side of the mark: the replay has no depth
      BigDecimal tick = instrument.tickSize();
      BigDecimal bid = mark.subtract(tick).signum() > 0 ? mark.subtract(tick) : mark;
      return new OrderBook(symbol, List.of(new OrderBook.Level(bid, BigDecimal.ONE)),
          List.of(new OrderBook.Level(bid.add(tick).add(tick), BigDecimal.ONE)), cursor, now);
    }
  }

  @Override
  public List<Bar> bars(String symbol, Duration barInterval, Instant from, Instant to) {
    checkSymbol(symbol);
    if (upstream != null) {
      return upstream.bars(symbol, barInterval, from, to);
    }
    if (!barInterval.equals(interval)) {
      throw new IllegalArgumentException("this replay has %s bars, not %s".formatted(interval, barInterval));
    }
    synchronized (lock) {
      List<Bar> out = new ArrayList<>();
      for (int i = 0; i < cursor; i++) {
        Bar b = replay.get(i);
        if (!b.time().isBefore(from) && b.time().isBefore(to)) {
          out.add(b);
        }
      }
      return out;
    }
  }

  @Override
  public AccountState account() {
    synchronized (lock) {
      BigDecimal equity;
      BigDecimal inUse;
      BigDecimal free;
      double m = mark == null ? (cfg.perp() ? book.averageEntry() : 0) : mark.doubleValue();
      double locked = reserved;
      equity = Rounding.decimal(book.equity(m));
      inUse = Rounding.decimal(book.marginInUse() * (cfg.perp() ? 1 : 0) + locked);
      free = Rounding.decimal(book.freeMargin(m, locked));
      return new AccountState(equity, equity.max(BigDecimal.ZERO), free, inUse, now());
    }
  }

  @Override
  public List<Balance> balances() {
    synchronized (lock) {
      List<Balance> out = new ArrayList<>();
      BigDecimal cash = cash();
      BigDecimal locked = cfg.perp() ? BigDecimal.ZERO : Rounding.decimal(reserved).min(cash.max(BigDecimal.ZERO));
      out.add(new Balance(instrument.quote(), cash.subtract(locked).max(BigDecimal.ZERO), locked));
      if (!cfg.perp() && position.signum() > 0) {
        out.add(new Balance(instrument.base(), position, BigDecimal.ZERO));
      }
      return out;
    }
  }

  @Override
  public List<Position> positions() {
    synchronized (lock) {
      if (!cfg.perp() || position.signum() == 0) {
        return List.of();
      }
      BigDecimal entry = entry();
      BigDecimal m = mark == null ? entry : mark;
      double liq = liquidationPrice();
      return List.of(new Position(instrument.symbol(), position, entry, m, unrealized(),
          Double.isNaN(liq) || liq <= 0 ? null : Rounding.decimal(liq), now()));
    }
  }

  private Instant now() {
    return replay != null ? now : Instant.now();
  }

  @Override
  public Order placeOrder(OrderRequest request) {
    List<Object> events = new ArrayList<>();
    Order answer;
    synchronized (lock) {
      ensureOpen();
      checkSymbol(request.symbol());
      request.checkAgainst(instrument);
      for (Order o : orders.values()) {
        if (o.clientId() == request.clientId()) {
          return o; // a repeated client id gets the existing order, as a venue answers
        }
      }
      if (mark == null && upstream != null) {
        mark = upstream.ticker(request.symbol()).last(); // before the first stream event
      }
      if (mark == null) {
        throw new OrderRejectedException(id(), "NO_PRICE", "no market price yet for " + request.symbol(), null);
      }
      BigDecimal qty = request.quantity();
      boolean market = request.type() == OrderType.MARKET;
      int sign = request.side() == Side.BUY ? 1 : -1;
      // the simulator's market rule, rounded to the tick against the order
      BigDecimal fillPrice = market
          ? instrument.roundPrice(BigDecimal.valueOf(FillRules.marketFill(sign, mark.doubleValue(), cfg.slippage())),
              sign > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR)
          : request.limitPrice();
      if (qty == null) {
        qty = instrument.roundQuantity(request.quoteQuantity().divide(fillPrice, MC), RoundingMode.DOWN);
        if (!instrument.isTradable(qty)) {
          throw new OrderRejectedException(id(), "QUANTITY", "quote amount %s buys less than the minimum of %s"
              .formatted(request.quoteQuantity().toPlainString(), instrument.symbol()), null);
        }
      }
      boolean crosses = market || (request.side() == Side.BUY
          ? request.limitPrice().compareTo(mark) >= 0 : request.limitPrice().compareTo(mark) <= 0);
      if (crosses && request.postOnly()) {
        throw new OrderRejectedException(id(), "POST_ONLY", "post-only order would cross at " + mark.toPlainString(), null);
      }
      Order order = new Order(idPrefix + "O" + nextOrderId++, request.clientId(), request.symbol(), request.side(), request.type(),
          OrderStatus.NEW, qty, BigDecimal.ZERO, request.limitPrice(), request.reduceOnly(), now());
      BigDecimal price = fillPrice;
      if (crosses && !market) {
        // a marketable limit takes the book at the mark, never worse than its limit
        price = request.side() == Side.BUY ? mark.min(request.limitPrice()) : mark.max(request.limitPrice());
      }
      if (!cfg.perp() && request.side() == Side.SELL && position.compareTo(qty) < 0) {
        throw new InsufficientFundsException(id(), "INSUFFICIENT_FUNDS", "not enough %s to sell %s"
            .formatted(instrument.base(), qty.toPlainString()), null);
      }
      // The kernel's rules, as the backtester applies them: a market order needs what its fill
      // will (checked at its fill when a replay defers it to the next open, as the backtester
      // checks it there); a limit order that does not reduce the position reserves its notional
      // (spot) or initial margin (perps) plus fee while it rests.
      boolean reducing = request.reduceOnly() || (position.signum() != 0 && (position.signum() > 0) != (sign > 0));
      boolean deferred = replay != null && crosses && (market || betweenBars);
      double need = 0;
      double qd = qty.doubleValue();
      if (market && !deferred) {
        need = book.fillRequirement(sign, qd, price.doubleValue(), qd * price.doubleValue(),
            qd * price.doubleValue() * cfg.takerFeeRate());
      } else if (!market && !reducing) {
        need = OrderSizing.requiredQuote(qd * request.limitPrice().doubleValue(),
            crosses ? cfg.takerFeeRate() : cfg.makerFeeRate(), cfg.perp(), cfg.leverage());
      }
      if (!AccountBook.covers(need, available(0))) {
        throw new InsufficientFundsException(id(), "INSUFFICIENT_FUNDS", "not enough %s for %s %s %s"
            .formatted(cfg.perp() ? "margin" : instrument.quote(), request.side(), qty.toPlainString(),
                instrument.symbol()), null);
      }
      orders.put(order.orderId(), order);
      if (walking) {
        placedInBar.add(order.orderId());
      }
      if (!market && need > 0) {
        reservations.put(order.orderId(), need);
        reserved += need;
      }
      if (deferred) {
        // Between two bars of a replay the next price is the next bar's open: the order fills
        // there, with the orders that open crosses (the simulator's next-open rule); a marketable
        // limit pays the taker fee.
        if (!market) {
          takers.add(order.orderId());
        }
      } else if (crosses) {
        execute(order, price, false, events);
      }
      answer = orders.get(order.orderId());
      save();
    }
    publish(events);
    return answer;
  }

  @Override
  public Optional<Order> orderByClientId(String symbol, long clientId) {
    synchronized (lock) {
      checkSymbol(symbol);
      return orders.values().stream().filter(o -> o.clientId() == clientId).findFirst();
    }
  }

  @Override
  public Optional<Order> orderById(String symbol, String orderId) {
    synchronized (lock) {
      checkSymbol(symbol);
      return Optional.ofNullable(orders.get(orderId));
    }
  }

  @Override
  public List<Order> openOrders(String symbol) {
    synchronized (lock) {
      if (symbol != null) {
        checkSymbol(symbol);
      }
      return orders.values().stream().filter(o -> !o.status().isTerminal()).toList();
    }
  }

  @Override
  public Order cancelOrder(String symbol, String orderId) {
    Order cancelled;
    synchronized (lock) {
      checkSymbol(symbol);
      Order o = orders.get(orderId);
      if (o == null || o.status().isTerminal()) {
        throw new NotFoundException(id(), "ORDER_NOT_FOUND", "no open order " + orderId, null);
      }
      cancelled = with(o, OrderStatus.CANCELLED, o.filledQuantity());
      orders.put(orderId, cancelled);
      release(orderId);
      save();
    }
    for (ExchangeListener l : account) {
      l.onOrder(cancelled);
    }
    return cancelled;
  }

  @Override
  public List<Order> cancelAllOrders(String symbol) {
    List<Order> out = new ArrayList<>();
    for (Order o : openOrders(symbol)) {
      out.add(cancelOrder(symbol, o.orderId()));
    }
    return out;
  }

  @Override
  public List<Fill> fills(String symbol, Instant since) {
    synchronized (lock) {
      return fills.stream().filter(f -> (symbol == null || f.symbol().equals(symbol)) && !f.time().isBefore(since))
          .toList();
    }
  }

  @Override
  public Subscription streamMarket(String symbol, Duration barInterval, ExchangeListener listener) {
    checkSymbol(symbol);
    if (upstream == null) {
      market.add(listener);
      return () -> market.remove(listener);
    }
    Subscription up = upstream.streamMarket(symbol, barInterval, new ExchangeListener() {
      @Override
      public void onTicker(Ticker ticker) {
        onUpstreamTicker(ticker.last());
        listener.onTicker(ticker);
      }

      @Override
      public void onBar(String s, Bar bar) {
        onUpstreamBar(bar.open(), bar.high(), bar.low(), bar.close());
        listener.onBar(s, bar);
      }

      @Override
      public void onReconnected() {
        listener.onReconnected();
      }

      @Override
      public void onStreamError(Throwable error) {
        listener.onStreamError(error);
      }
    });
    return up;
  }

  /** A ticker is a move from the previous mark to the new price. */
  private void onUpstreamTicker(BigDecimal last) {
    List<Object> events = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      now = Instant.now();
      chargeFunding(now, last);
      BigDecimal from = mark == null ? last : mark;
      sweep(from, from, events);
      sweep(from, last, events);
      mark = last;
      if (!events.isEmpty()) {
        save();
      }
    }
    publish(events);
  }

  private void onUpstreamBar(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
    List<Object> events = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      now = Instant.now();
      chargeFunding(now, open);
      walk(open, high, low, close, events);
      mark = close;
      if (!events.isEmpty()) {
        save();
      }
    }
    publish(events);
  }

  @Override
  public Subscription streamAccount(ExchangeListener listener) {
    account.add(listener);
    return () -> account.remove(listener);
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("paper exchange is closed");
    }
  }

  // ---- state file -----------------------------------------------------------------------------

  private void save() {
    if (stateFile == null) {
      return;
    }
    StringBuilder b = new StringBuilder(256 + 128 * (orders.size() + fills.size()));
    b.append("paper\t1\t").append(instrument.symbol()).append('\n');
    b.append("cursor\t").append(cursor).append('\n');
    b.append("cash\t").append(Double.toString(book.cash())).append('\n');
    b.append("position\t").append(position.toPlainString()).append('\t').append(Double.toString(book.averageEntry()))
        .append('\t').append(book.entries()).append('\n');
    b.append("funding\t").append(nextFunding).append('\t').append(Double.toString(book.funding())).append('\t')
        .append(liquidations).append('\n');
    b.append("ids\t").append(nextOrderId).append('\t').append(nextFillId).append('\n');
    if (replay == null && mark != null) {
      b.append("mark\t").append(mark.toPlainString()).append('\n');
    }
    for (Order o : orders.values()) {
      b.append("O\t").append(o.orderId()).append('\t').append(o.clientId()).append('\t').append(o.side())
          .append('\t').append(o.type()).append('\t').append(o.status()).append('\t')
          .append(o.quantity() == null ? "-" : o.quantity().toPlainString()).append('\t')
          .append(o.filledQuantity().toPlainString()).append('\t')
          .append(o.limitPrice() == null ? "-" : o.limitPrice().toPlainString()).append('\t')
          .append(o.reduceOnly()).append('\t').append(o.createdAt().toEpochMilli()).append('\t')
          .append(Double.toString(reservations.getOrDefault(o.orderId(), 0.0))).append('\n');
    }
    for (Fill f : fills) {
      b.append("F\t").append(f.fillId()).append('\t').append(f.orderId()).append('\t').append(f.clientId())
          .append('\t').append(f.side()).append('\t').append(f.price().toPlainString()).append('\t')
          .append(f.quantity().toPlainString()).append('\t').append(f.fee().toPlainString()).append('\t')
          .append(f.maker()).append('\t').append(f.time().toEpochMilli()).append('\n');
    }
    try {
      Path abs = stateFile.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      // An atomic rename: a process killed at any point leaves the old state or the new one.
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the paper exchange state " + stateFile, e);
    }
  }

  private void load() {
    List<String> lines;
    try {
      lines = Files.readAllLines(stateFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the paper exchange state " + stateFile, e);
    }
    if (lines.isEmpty() || !lines.get(0).startsWith("paper\t1\t")) {
      throw new IllegalArgumentException("not a paper exchange state file: " + stateFile);
    }
    String symbol = lines.get(0).split("\t")[2];
    if (!symbol.equals(instrument.symbol())) {
      throw new IllegalArgumentException("state file %s is for %s, not %s".formatted(stateFile, symbol,
          instrument.symbol()));
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] p = line.split("\t");
      switch (p[0]) {
        case "cursor" -> cursor = Integer.parseInt(p[1]);
        case "cash" -> book.setCash(Double.parseDouble(p[1]));
        case "position" -> {
          position = new BigDecimal(p[1]);
          book.restorePosition(position.doubleValue(), Double.parseDouble(p[2]),
              p.length > 3 ? Integer.parseInt(p[3]) : position.signum() == 0 ? 0 : 1);
        }
        case "funding" -> {
          nextFunding = Long.parseLong(p[1]);
          book.restoreFunding(Double.parseDouble(p[2]));
          liquidations = Long.parseLong(p[3]);
        }
        case "ids" -> {
          nextOrderId = Long.parseLong(p[1]);
          nextFillId = Long.parseLong(p[2]);
        }
        case "mark" -> mark = new BigDecimal(p[1]);
        case "O" -> {
          Order o = new Order(p[1], Long.parseLong(p[2]), instrument.symbol(), Side.valueOf(p[3]),
              OrderType.valueOf(p[4]), OrderStatus.valueOf(p[5]), "-".equals(p[6]) ? null : new BigDecimal(p[6]),
              new BigDecimal(p[7]), "-".equals(p[8]) ? null : new BigDecimal(p[8]), Boolean.parseBoolean(p[9]),
              Instant.ofEpochMilli(Long.parseLong(p[10])));
          orders.put(p[1], o);
          double r = p.length > 11 ? Double.parseDouble(p[11]) : 0; // files before reservations: none
          if (!o.status().isTerminal() && r > 0) {
            reservations.put(p[1], r);
            reserved += r;
          }
        }
        case "F" -> fills.add(new Fill(p[1], p[2], Long.parseLong(p[3]), instrument.symbol(), Side.valueOf(p[4]),
            new BigDecimal(p[5]), new BigDecimal(p[6]), new BigDecimal(p[7]), instrument.quote(),
            Boolean.parseBoolean(p[8]), Instant.ofEpochMilli(Long.parseLong(p[9]))));
        default -> throw new IllegalArgumentException("unknown line in " + stateFile + ": " + p[0]);
      }
    }
    if (replay != null) {
      if (cursor > replay.size()) {
        throw new IllegalArgumentException("state file %s is at bar %d of a %d-bar replay".formatted(stateFile,
            cursor, replay.size()));
      }
      positionAt(cursor);
    } else {
      now = Instant.now();
    }
  }

  /**
   * Reads bars from a CSV file with the header {@code timestamp,open,high,low,close,volume}
   * (ISO-8601 instants), as the files under {@code shared/data} are.
   *
   * @param csv the file
   * @return the bars, oldest first
   * @throws IllegalArgumentException naming the line, if a row is malformed or out of order
   */
  public static List<Bar> readCsv(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
    List<Bar> out = new ArrayList<>(Math.max(0, lines.size() - 1));
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] p = line.split(",");
      try {
        if (p.length < 6) {
          throw new IllegalArgumentException("expected 6 columns, found " + p.length);
        }
        Bar b = new Bar(Instant.parse(p[0]), new BigDecimal(p[1]), new BigDecimal(p[2]), new BigDecimal(p[3]),
            new BigDecimal(p[4]), new BigDecimal(p[5]));
        if (!out.isEmpty() && !b.time().isAfter(out.get(out.size() - 1).time())) {
          throw new IllegalArgumentException("time " + b.time() + " does not follow the previous row");
        }
        out.add(b);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("%s line %d: %s".formatted(csv, i + 1, e.getMessage()), e);
      }
    }
    return out;
  }
}
