package dev.nanpin.testkit;

import dev.nanpin.AccountView;
import dev.nanpin.BarColumns;
import dev.nanpin.BarSeries;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderType;
import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.Sizing;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.BookAccountView;
import dev.nanpin.engine.FillRules;
import dev.nanpin.engine.OrderSizing;
import dev.nanpin.spi.MutableExecution;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, deterministic engine for testing a {@link Strategy} on hand-built bars, spot only.
 *
 * <p>The sizing and the account are the engine kernel's ({@link OrderSizing}, {@link
 * AccountBook}, and the strategy's account view is the kernel's {@link BookAccountView}, as in the
 * backtester and the live engine: resting limit buys reserve their notional plus fee, which is
 * then neither spendable cash nor free for another buy); the fill prices are {@link FillRules#limitFill} on touch, and the kernel's gap
 * rule holds. The bar model is deliberately simple and explicit:
 * <ul>
 *   <li>{@link #bar} first fills the resting limit orders the new bar trades through: buys whose
 *       price is at or above the bar's low, at {@code min(open, limit)}, highest price first;
 *       then sells whose price is at or below the bar's high, at {@code max(open, limit)}. The
 *       orders the open itself crossed (a gap) all fill before any {@code onFill}; the others
 *       fill one by one, each heard before the next. Then it calls {@link Strategy#onBar}.</li>
 *   <li>Market orders submitted during a callback fill at the current bar's close right after
 *       the callback returns (never inside {@code submit}).</li>
 *   <li>Sizes: {@code SIZER} intents ask the {@link Sizer} at submission; {@code
 *       POSITION_FRACTION} is taken of the position at fill time. A sized quantity of zero is
 *       refused ({@code -1} and {@link Strategy#onOrderRejected}).</li>
 *   <li>Fees: one rate on every fill, quote units; zero by default.</li>
 * </ul>
 * Every submitted intent, cancel and fill is recorded for assertions. Not thread-safe.
 */
public final class StrategyHarness {
  /** A submitted order and what became of it. */
  public static final class Order {
    /** The engine id. */
    public final int id;
    /** The intent. */
    public final OrderIntent intent;
    /** The base quantity fixed at submission ({@code NaN} for position fractions). */
    public final double quantity;
    /** Whether it is resting (limit, not filled or cancelled). */
    public boolean open;
    /** Whether it was cancelled. */
    public boolean cancelled;
    /** Whether it filled. */
    public boolean filled;

    Order(int id, OrderIntent intent, double quantity) {
      this.id = id;
      this.intent = intent;
      this.quantity = quantity;
    }

    @Override
    public String toString() {
      return "Order[" + id + " " + intent + " qty=" + quantity + (open ? " open" : "") + (filled ? " filled" : "")
          + (cancelled ? " cancelled" : "") + "]";
    }
  }

  /** A fill as recorded. */
  public record FillRecord(int orderId, int tag, Side side, double price, double quantity, long timeMillis) {}

  private final Strategy strategy;
  private final Sizer sizer;
  private final Instrument instrument;
  private final long intervalMillis;
  private final double feeRate;
  private final BarColumns series = new BarColumns();
  private final AccountView account = new Account();
  private final Context ctx = new Context();
  private final List<Order> orders = new ArrayList<>();
  private final List<Order> pendingMarket = new ArrayList<>();
  private final List<FillRecord> fills = new ArrayList<>();
  private final List<String> rejections = new ArrayList<>();
  private final Map<Class<?>, Signal> signals = new HashMap<>();
  private final MutableExecution exec = new MutableExecution();
  private boolean started;
  private boolean fillMarketInsideSubmit;
  private final AccountBook book = new AccountBook();
  private double costOfPosition;

  /**
   * Creates a harness.
   *
   * @param strategy the strategy under test
   * @param sizer the sizer for {@code SIZER} intents
   * @param cash the starting quote balance
   * @param intervalMillis the bar spacing
   * @param feeRate the fee rate on every fill
   */
  public StrategyHarness(Strategy strategy, Sizer sizer, double cash, long intervalMillis, double feeRate) {
    this.strategy = strategy;
    this.sizer = sizer;
    book.reset(false, 1, cash);
    this.intervalMillis = intervalMillis;
    this.feeRate = feeRate;
    this.instrument = new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT,
        new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));
  }

  /**
   * A harness with hourly bars, no fees, 10 000 quote and a sizer of 100 quote per unit.
   *
   * @param strategy the strategy
   * @return the harness
   */
  public static StrategyHarness hourly(Strategy strategy) {
    return new StrategyHarness(strategy, (intent, price, account, time) -> 100, 10_000, 3_600_000L, 0);
  }

  /**
   * Makes market orders fill at the close inside {@code submit}, before it returns (some engines
   * fill a signal-close order at once): checks that a strategy copes with {@code onFill} arriving
   * re-entrantly.
   *
   * @param inside whether to fill inside {@code submit}
   * @return this harness
   */
  public StrategyHarness fillMarketInsideSubmit(boolean inside) {
    this.fillMarketInsideSubmit = inside;
    return this;
  }

  /**
   * Adds a bar: fills resting orders it trades through, then calls {@code onBar}, then fills the
   * market orders submitted during the callbacks.
   *
   * @param open the open
   * @param high the high
   * @param low the low
   * @param close the close
   * @param volume the volume
   * @return this harness
   */
  public StrategyHarness bar(double open, double high, double low, double close, double volume) {
    if (!(low <= Math.min(open, close) && high >= Math.max(open, close))) {
      throw new IllegalArgumentException("inconsistent bar %s %s %s %s".formatted(open, high, low, close));
    }
    series.append(1_700_000_000_000L / intervalMillis * intervalMillis + series.size() * intervalMillis, open, high, low,
        close, volume);
    if (!started) {
      started = true;
      strategy.onStart(ctx);
    }
    fillRestingLimits(open, high, low);
    strategy.onBar(ctx);
    drainMarket();
    return this;
  }

  /**
   * Adds a flat bar (open = high = low = close).
   *
   * @param price the price
   * @param volume the volume
   * @return this harness
   */
  public StrategyHarness flat(double price, double volume) {
    return bar(price, price, price, price, volume);
  }

  /**
   * Delivers a signal ({@code onSignal}) and keeps it for {@link StrategyContext#signal}.
   *
   * @param signal the signal
   * @return this harness
   */
  public StrategyHarness signal(Signal signal) {
    signals.put(signal.getClass(), signal);
    if (started) {
      strategy.onSignal(ctx, signal);
      drainMarket();
    }
    return this;
  }

  private void fillRestingLimits(double open, double high, double low) {
    List<Order> buys = new ArrayList<>();
    List<Order> sells = new ArrayList<>();
    for (Order o : orders) {
      if (o.open && o.intent.type() == OrderType.LIMIT) {
        if (o.intent.side() == Side.BUY && low <= o.intent.limitPrice()) {
          buys.add(o);
        } else if (o.intent.side() == Side.SELL && high >= o.intent.limitPrice()) {
          sells.add(o);
        }
      }
    }
    buys.sort((a, b) -> Double.compare(b.intent.limitPrice(), a.intent.limitPrice()));
    sells.sort((a, b) -> Double.compare(a.intent.limitPrice(), b.intent.limitPrice()));
    List<Order> crossed = new ArrayList<>(buys);
    crossed.addAll(sells);
    // The gap rule: the orders the open print crossed fill together, then their callbacks.
    List<Runnable> heard = new ArrayList<>();
    for (Order o : crossed) {
      double p = limitFill(o, open, high, low);
      if (p == open) {
        Runnable callbacks = apply(o, p);
        if (callbacks != null) {
          heard.add(callbacks);
        }
      }
    }
    heard.forEach(Runnable::run);
    for (Order o : crossed) {
      if (o.open) {
        fill(o, limitFill(o, open, high, low));
      }
    }
  }

  private static double limitFill(Order o, double open, double high, double low) {
    return FillRules.limitFill(o.intent.side().sign(), o.intent.limitPrice(), open, low, high, true);
  }

  private void drainMarket() {
    while (!pendingMarket.isEmpty()) {
      Order o = pendingMarket.remove(0);
      if (o.open) {
        fill(o, series.close(series.size() - 1));
      }
    }
  }

  private void fill(Order o, double price) {
    Runnable callbacks = apply(o, price);
    if (callbacks != null) {
      callbacks.run();
    }
  }

  /** Applies a fill to the kernel's book; returns the callbacks to run, or {@code null} when nothing filled. */
  private Runnable apply(Order o, double price) {
    double qty = book.quantity();
    double q = o.intent.sizing() == dev.nanpin.Sizing.POSITION_FRACTION ? o.intent.amount() * qty : o.quantity;
    if (o.intent.side() == Side.SELL) {
      q = Math.min(q, qty);
    }
    o.open = false;
    if (!(q > 0)) {
      o.cancelled = true;
      return null;
    }
    o.filled = true;
    double fee = q * price * feeRate;
    int sign = o.intent.side().sign();
    double realised = book.applyFill(sign, q, price, q * price, fee);
    boolean closed = book.lastFillClosed();
    double pnl = realised - fee;
    double ret = costOfPosition > 0 ? pnl / costOfPosition : 0;
    costOfPosition = closed ? 0 : sign > 0 ? costOfPosition + q * price + fee : costOfPosition;
    long t = series.timeMillis(series.size() - 1);
    fills.add(new FillRecord(o.id, o.intent.tag(), o.intent.side(), price, q, t));
    double quantity = q;
    return () -> {
      if (closed) {
        sizer.onTradeClosed(pnl, ret);
      }
      exec.set(o.id, o.intent.tag(), o.intent.side(), price, quantity, fee, true, true, t);
      sizer.onFill(exec, account);
      strategy.onFill(ctx, exec);
    };
  }

  /** @return every order submitted so far */
  public List<Order> orders() {
    return orders;
  }

  /** @return the orders resting now */
  public List<Order> openOrders() {
    return orders.stream().filter(o -> o.open).toList();
  }

  /**
   * @param tag a tag
   * @return the resting orders with that tag
   */
  public List<Order> openOrdersTagged(int tag) {
    return orders.stream().filter(o -> o.open && o.intent.tag() == tag).toList();
  }

  /** @return every fill so far */
  public List<FillRecord> fills() {
    return fills;
  }

  /** @return the rejection reasons reported */
  public List<String> rejections() {
    return rejections;
  }

  /** @return the position quantity */
  public double positionQuantity() {
    return book.quantity();
  }

  /** @return the average entry, {@code 0} when flat */
  public double averageEntry() {
    return book.averageEntry();
  }

  /** @return the quote cash */
  public double cash() {
    return book.cash();
  }

  /** @return the context the strategy sees */
  public StrategyContext context() {
    return ctx;
  }

  /** @return the current bar's time, epoch ms */
  public long now() {
    return series.size() == 0 ? 0 : series.timeMillis(series.size() - 1);
  }

  private final class Context implements StrategyContext {
    @Override
    public Instrument instrument() {
      return instrument;
    }

    @Override
    public BarSeries bars() {
      return series;
    }

    @Override
    public long timeMillis() {
      return now();
    }

    @Override
    public double price() {
      return series.close(series.size() - 1);
    }

    @Override
    public AccountView account() {
      return account;
    }

    @Override
    public int submit(OrderIntent intent) {
      double price = intent.type() == OrderType.LIMIT ? intent.limitPrice() : price();
      double unit = intent.sizing() == Sizing.SIZER ? sizer.quoteSize(intent, price, account, now()) : 0;
      double quantity = intent.sizing() == Sizing.POSITION_FRACTION ? Double.NaN // taken at fill time
          : OrderSizing.quantity(intent.sizing(), intent.amount(), price, feeRate, false, 1,
              OrderSizing.free(account, false), book.quantity(), unit);
      boolean refused = intent.sizing() == Sizing.POSITION_FRACTION ? book.quantity() <= 0 : !(quantity > 0);
      if (intent.side() == Side.BUY && !refused && !AccountBook.covers(
          OrderSizing.requiredQuote(quantity * price, feeRate, false, 1), book.available(mark(), reservedQuote(), 0))) {
        refused = true; // the kernel's rule, as the backtester's: what resting buys reserved is not free
      }
      if (refused) {
        rejections.add("refused " + intent);
        strategy.onOrderRejected(this, -1, "refused: zero size or not enough cash");
        return -1;
      }
      Order o = new Order(orders.size(), intent, quantity);
      o.open = true;
      orders.add(o);
      if (intent.type() == OrderType.MARKET) {
        if (fillMarketInsideSubmit) {
          fill(o, price());
        } else {
          pendingMarket.add(o);
        }
      }
      return o.id;
    }

    @Override
    public boolean cancel(int orderId) {
      if (orderId < 0 || orderId >= orders.size()) {
        return false;
      }
      Order o = orders.get(orderId);
      if (!o.open) {
        return false;
      }
      o.open = false;
      o.cancelled = true;
      return true;
    }

    @Override
    public void cancelAll() {
      for (Order o : orders) {
        if (o.open) {
          o.open = false;
          o.cancelled = true;
        }
      }
    }

    @Override
    public int openOrderCount() {
      int c = 0;
      for (Order o : orders) {
        if (o.open) {
          c++;
        }
      }
      return c;
    }

    @Override
    public <S extends Signal> S signal(Class<S> type) {
      return type.cast(signals.get(type));
    }
  }

  /** The kernel's account view over the harness's book. */
  private final class Account extends BookAccountView {
    @Override
    protected AccountBook book() {
      return book;
    }

    @Override
    protected double mark() {
      return StrategyHarness.this.mark();
    }

    /** What the resting limit buys reserve, by the kernel's rule ({@link OrderSizing#requiredQuote}). */
    @Override
    protected double reservedQuote() {
      return StrategyHarness.this.reservedQuote();
    }

    @Override
    public double makerFeeRate() {
      return feeRate;
    }

    @Override
    public double takerFeeRate() {
      return feeRate;
    }
  }

  private double reservedQuote() {
    double sum = 0;
    for (Order o : orders) {
      if (o.open && o.intent.side() == Side.BUY && o.intent.type() == OrderType.LIMIT) {
        sum += OrderSizing.requiredQuote(o.quantity * o.intent.limitPrice(), feeRate, false, 1);
      }
    }
    return sum;
  }

  private double mark() {
    return series.size() == 0 ? 0 : series.close(series.size() - 1);
  }
}
