package dev.nanpin.live.paper;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.NotFoundException;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.Position;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.FillRules;
import dev.nanpin.engine.Liquidation;
import dev.nanpin.engine.OrderSizing;
import dev.nanpin.engine.Rounding;
import dev.nanpin.risk.MaintenanceMargin;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Thread-safe: one lock; listeners are called outside it, on the caller's thread. The market's
 * orders, account and matching are a {@link PaperMarket}, its state file a {@link PaperStateFile}.
 */
public final class PaperExchange implements Exchange {
  private final PaperConfig cfg;
  private final Instrument instrument;
  private final List<Bar> replay;
  private final Duration interval;
  private final Exchange upstream;
  private final List<ExchangeListener> market = new CopyOnWriteArrayList<>();
  private final List<ExchangeListener> account = new CopyOnWriteArrayList<>();
  private final Clock clock;
  /** The lock of this exchange: its own, or the pool's when it is one market of a {@link PaperPortfolio}. */
  private final Object lock;
  /** The market's state and matching, guarded by {@link #lock}. */
  private final PaperMarket mkt;
  /** The state file, or {@code null}; guarded by {@link #lock}. */
  private final PaperStateFile state;
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
    this.lock = pool == null ? this : pool.lock;
    this.cfg = Objects.requireNonNull(cfg, "config");
    this.instrument = cfg.instrument();
    this.replay = replay;
    this.interval = interval;
    this.upstream = upstream;
    this.mkt = new PaperMarket(cfg, replay, interval, pool, poolIndex);
    this.state = stateFile == null ? null : new PaperStateFile(stateFile, mkt);
    if (replay != null) {
      if (replay.isEmpty()) {
        throw new IllegalArgumentException("a replay needs at least one bar");
      }
      if (historyBars < 0 || historyBars >= replay.size()) {
        throw new IllegalArgumentException("historyBars must be in [0, %d): %d".formatted(replay.size(), historyBars));
      }
      mkt.cursor = historyBars;
      // the close time of the last bar played
      this.clock = new ReplayClock(() -> {
        synchronized (lock) {
          return mkt.now;
        }
      });
    } else {
      this.clock = Clock.systemUTC();
    }
    if (stateFile != null && Files.isRegularFile(stateFile)) {
      state.load();
    } else {
      mkt.positionAt(mkt.cursor);
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
      return replay != null && mkt.cursor >= replay.size();
    }
  }

  /** @return on a replay, the open time of the next bar to play, or {@code null} when none is left */
  Instant nextBarTime() {
    synchronized (lock) {
      return replay == null || mkt.cursor >= replay.size() ? null : replay.get(mkt.cursor).time();
    }
  }

  /** @return on a replay, the number of bars played or given as history */
  public int cursor() {
    synchronized (lock) {
      return mkt.cursor;
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
      if (mkt.cursor >= replay.size()) {
        return false;
      }
      bar = replay.get(mkt.cursor);
      mkt.now = bar.time();
      mkt.chargeFunding(bar.time(), bar.open());
      mkt.betweenBars = false;
      mkt.walking = true;
      mkt.placedInBar.clear();
      mkt.mark = bar.open();
      mkt.fillMarkets(bar.open(), events);
    }
    // the open print (the market orders due and the resting orders the open crossed), then
    // open -> first extreme -> other -> close, the extremes' order by the position after the open
    walkTo(bar.open(), bar.open(), events, afterPrint);
    BigDecimal[] path;
    synchronized (lock) {
      path = mkt.path(bar.open(), bar.high(), bar.low(), bar.close());
    }
    BigDecimal from = bar.open();
    for (int k = 1; k < path.length; k++) {
      walkTo(from, path[k], events, afterPrint);
      from = path[k];
    }
    synchronized (lock) {
      mkt.walking = false;
      mkt.cursor++;
      mkt.now = bar.time().plus(interval);
      mkt.mark = bar.close();
      mkt.betweenBars = true;
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
        print = mkt.sweepPrint(from, to, events);
        if (print != null) {
          mkt.mark = print;
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

  /** @return the market's state, which a {@link PaperPool} and a {@link PaperPortfolio} read; caller holds the lock */
  PaperMarket market() {
    return mkt;
  }

  /** Writes the state file, if any, before anyone hears of a change. Caller holds the lock. */
  private void save() {
    if (state != null) {
      state.save();
    }
  }

  /** @return the number of liquidations so far */
  public long liquidations() {
    synchronized (lock) {
      return mkt.liquidations;
    }
  }

  /** @return the funding paid so far (negative: received), quote units */
  public BigDecimal fundingPaid() {
    synchronized (lock) {
      return Rounding.decimal(mkt.book.funding());
    }
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
      return new Ticker(symbol, mkt.mark, mkt.mark, mkt.mark, mkt.now);
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
      BigDecimal bid = mkt.mark.subtract(tick).signum() > 0 ? mkt.mark.subtract(tick) : mkt.mark;
      return new OrderBook(symbol, List.of(new OrderBook.Level(bid, BigDecimal.ONE)),
          List.of(new OrderBook.Level(bid.add(tick).add(tick), BigDecimal.ONE)), mkt.cursor, mkt.now);
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
      for (int i = 0; i < mkt.cursor; i++) {
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
      return mkt.accountState();
    }
  }

  @Override
  public List<Balance> balances() {
    synchronized (lock) {
      return mkt.balanceList();
    }
  }

  @Override
  public List<Position> positions() {
    synchronized (lock) {
      return mkt.positionList();
    }
  }

  @Override
  public Order placeOrder(OrderRequest request) {
    List<Object> events = new ArrayList<>();
    Order answer;
    synchronized (lock) {
      ensureOpen();
      checkSymbol(request.symbol());
      request.checkAgainst(instrument);
      if (mkt.mark == null && upstream != null) {
        mkt.mark = upstream.ticker(request.symbol()).last(); // before the first stream event
      }
      answer = mkt.place(request, events);
      save();
    }
    publish(events);
    return answer;
  }

  @Override
  public Optional<Order> orderByClientId(String symbol, long clientId) {
    synchronized (lock) {
      checkSymbol(symbol);
      return mkt.orders.values().stream().filter(o -> o.clientId() == clientId).findFirst();
    }
  }

  @Override
  public Optional<Order> orderById(String symbol, String orderId) {
    synchronized (lock) {
      checkSymbol(symbol);
      return Optional.ofNullable(mkt.orders.get(orderId));
    }
  }

  @Override
  public List<Order> openOrders(String symbol) {
    synchronized (lock) {
      if (symbol != null) {
        checkSymbol(symbol);
      }
      return mkt.orders.values().stream().filter(o -> !o.status().isTerminal()).toList();
    }
  }

  @Override
  public Order cancelOrder(String symbol, String orderId) {
    Order cancelled;
    synchronized (lock) {
      checkSymbol(symbol);
      Order o = mkt.orders.get(orderId);
      if (o == null || o.status().isTerminal()) {
        throw new NotFoundException(id(), "ORDER_NOT_FOUND", "no open order " + orderId, null);
      }
      cancelled = PaperMarket.with(o, OrderStatus.CANCELLED, o.filledQuantity());
      mkt.orders.put(orderId, cancelled);
      mkt.release(orderId);
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
      return mkt.fills.stream().filter(f -> (symbol == null || f.symbol().equals(symbol)) && !f.time().isBefore(since))
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
        onUpstream(events -> mkt.onTicker(ticker.last(), events));
        listener.onTicker(ticker);
      }

      @Override
      public void onBar(String s, Bar bar) {
        onUpstream(events -> mkt.onBar(bar, events));
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

  /** A mirrored ticker or bar: the market moves ({@code move}) under the lock, then its fills are heard. */
  private void onUpstream(java.util.function.Consumer<List<Object>> move) {
    List<Object> events = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      move.accept(events);
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

  /**
   * Reads bars from a CSV file with the header {@code timestamp,open,high,low,close,volume}
   * (ISO-8601 instants), as the files under {@code shared/data} are.
   *
   * @param csv the file
   * @return the bars, oldest first
   * @throws IllegalArgumentException naming the line, if a row is malformed or out of order
   */
  public static List<Bar> readCsv(Path csv) {
    return PaperCsv.read(csv);
  }
}
