package dev.nanpin.testkit;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
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
import dev.nanpin.engine.Rounding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted venue for the parity kit's third engine: an in-process {@link Exchange} whose
 * market is a fixed script of bars, played one per {@link #advance(Runnable)}, and whose matching
 * engine fills the orders a live engine sends it as a venue would: every event reaches the
 * engine through its account and market streams, asynchronously from the engine's point of view,
 * never by a call the engine makes. No network, no store of its own, no funding and no
 * liquidation (the parity scenarios run with a zero funding rate and stay far from liquidation).
 *
 * <p>Matching is the venue's behaviour the kernel models ({@link FillRules}, {@link Rounding}):
 * the bar's path is open, nearer extreme, other extreme, close; a resting limit fills when the
 * price trades through it, at its limit or at the print that gapped past it; every order one
 * print crosses fills before the venue tells anyone, in the order the price reaches them; a
 * market order, or a marketable limit, sent between two bars fills at the next bar's open (the
 * venue's next trade) as a taker; one sent during a bar fills at once at the last price. The
 * balances are the venue's books, kept with the kernel's {@link AccountBook} on exact decimal
 * quantities. Spot buys need the quote (resting buys lock it), spot sells the base.
 *
 * <p>Its clock stands at a bar's open time while the bar's prints are played and at the bar's
 * close when the bar is published, as a venue's bar stream delivers a bar when it closes.
 *
 * <p>Thread-safe: one lock; listeners are called outside it, on the thread that plays the bar or
 * cancels the order.
 */
public final class ScriptedVenue implements Exchange {
  private static final MathContext MC = MathContext.DECIMAL64;

  private final Instrument instrument;
  private final List<Bar> script;
  private final Duration interval;
  private final boolean perp;
  private final double leverage;
  private final double makerFee;
  private final double takerFee;
  private final List<ExchangeListener> market = new CopyOnWriteArrayList<>();
  private final List<ExchangeListener> account = new CopyOnWriteArrayList<>();
  private final Clock clock = new VenueClock();

  // guarded by this
  private final AccountBook book = new AccountBook();
  private BigDecimal position = BigDecimal.ZERO;
  private final Map<String, Order> orders = new LinkedHashMap<>();
  /** Marketable limits waiting for the next bar's open: they pay the taker fee. */
  private final java.util.Set<String> takers = new java.util.HashSet<>();
  private final List<Fill> fills = new ArrayList<>();
  private int cursor;
  private long nextId = 1;
  private BigDecimal mark;
  private volatile Instant now;
  private boolean betweenBars = true;

  /**
   * A venue that will play {@code script}, with an account of {@code cash} quote.
   *
   * @param instrument the one market (spot or perp); its grid is enforced on every order
   * @param script the bars, oldest first, one {@code interval} apart
   * @param interval the bar length
   * @param cash the starting quote balance (spot) or wallet (perp)
   * @param leverage the perp's leverage (1 on spot)
   * @param makerFee the maker fee rate
   * @param takerFee the taker fee rate
   */
  public ScriptedVenue(Instrument instrument, List<Bar> script, Duration interval, BigDecimal cash, double leverage,
      double makerFee, double takerFee) {
    if (script.isEmpty()) {
      throw new IllegalArgumentException("a script needs at least one bar");
    }
    this.instrument = instrument;
    this.script = List.copyOf(script);
    this.interval = interval;
    this.perp = instrument.kind() != InstrumentKind.SPOT;
    this.leverage = perp ? leverage : 1;
    this.makerFee = makerFee;
    this.takerFee = takerFee;
    this.book.reset(perp, this.leverage, cash.doubleValue());
    this.mark = script.get(0).open();
    this.now = script.get(0).time();
  }

  /** @return the venue's clock: a bar's open time while it plays, its close once published */
  public Clock clock() {
    return clock;
  }

  /** @return the venue's quote balance (spot) or wallet (perp) */
  public synchronized double cash() {
    return book.cash();
  }

  /** @return the venue's signed position in the base asset */
  public synchronized BigDecimal position() {
    return position;
  }

  /**
   * Plays the next bar of the script: its open print (the market orders due there and the limits
   * it crosses), then its path print by print; after each print that filled orders, the fills
   * and order updates go to the account listeners and {@code afterPrint} runs with no lock held,
   * so that the engine can react before the path goes on; then the bar and a ticker at its close
   * go to the market listeners.
   *
   * @param afterPrint what runs after each print that filled something
   * @return {@code false} once every bar has been played
   */
  public boolean advance(Runnable afterPrint) {
    Bar bar;
    BigDecimal[] path;
    List<Object> events = new ArrayList<>();
    synchronized (this) {
      if (cursor >= script.size()) {
        return false;
      }
      bar = script.get(cursor);
      now = bar.time();
      betweenBars = false;
      mark = bar.open();
      for (Order o : new ArrayList<>(orders.values())) {
        if (o.type() == OrderType.MARKET && !o.status().isTerminal()) {
          int sign = o.side().sign();
          execute(o, Rounding.marketPrice(instrument, sign, FillRules.marketFill(sign, bar.open().doubleValue(), 0)),
              false, events);
        }
      }
      boolean lowFirst = FillRules.lowFirst(false, bar.open().doubleValue(), bar.high().doubleValue(),
          bar.low().doubleValue(), position.doubleValue());
      path = new BigDecimal[] {bar.open(), bar.open(), lowFirst ? bar.low() : bar.high(),
          lowFirst ? bar.high() : bar.low(), bar.close()};
    }
    for (int k = 1; k < path.length; k++) {
      BigDecimal from = path[k - 1];
      BigDecimal print;
      do {
        synchronized (this) {
          print = print(from, path[k], events);
          if (print != null) {
            mark = print;
            from = print;
          }
        }
        if (!events.isEmpty()) {
          publish(events);
          afterPrint.run();
        }
      } while (print != null);
    }
    Ticker t;
    synchronized (this) {
      cursor++;
      now = bar.time().plus(interval);
      mark = bar.close();
      betweenBars = true;
      t = new Ticker(instrument.symbol(), bar.close(), bar.close(), bar.close(), now);
    }
    for (ExchangeListener l : market) {
      l.onBar(instrument.symbol(), bar);
      l.onTicker(t);
    }
    return true;
  }

  /**
   * Fills every resting limit that the first print of the monotone move {@code from -> to}
   * crosses, in the order the price reaches their limits. Caller holds the lock.
   *
   * @return the print, or {@code null} when the move crosses no order
   */
  private BigDecimal print(BigDecimal from, BigDecimal to, List<Object> events) {
    double f = from.doubleValue();
    double lo = Math.min(f, to.doubleValue());
    double hi = Math.max(f, to.doubleValue());
    BigDecimal print = null;
    List<Order> crossed = new ArrayList<>();
    for (Order o : orders.values()) {
      if (o.status().isTerminal() || o.type() != OrderType.LIMIT) {
        continue;
      }
      if (Double.isNaN(FillRules.limitFill(o.side().sign(), o.limitPrice().doubleValue(), f, lo, hi, false))) {
        continue;
      }
      // the limit, or the start of the move when that is already past it (a gap)
      BigDecimal p = o.side() == Side.BUY ? o.limitPrice().min(from) : o.limitPrice().max(from);
      int nearer = print == null ? -1 : p.subtract(from).abs().compareTo(print.subtract(from).abs());
      if (nearer < 0) {
        print = p;
        crossed.clear();
      }
      if (nearer <= 0) {
        crossed.add(o);
      }
    }
    crossed.sort((a, b) -> a.side() != b.side() ? 0
        : FillRules.fillsBefore(a.side().sign(), a.limitPrice().doubleValue(), seq(a), b.limitPrice().doubleValue(),
            seq(b)) ? -1 : 1);
    for (Order o : crossed) {
      execute(orders.get(o.orderId()), print, !takers.remove(o.orderId()), events);
    }
    return print;
  }

  private static long seq(Order o) {
    return Long.parseLong(o.orderId().substring(1));
  }

  /**
   * Fills the rest of an order at a price; an order the account cannot carry then is rejected (it
   * ends without a fill, and nobody asked to cancel it). Caller holds the lock.
   */
  private void execute(Order o, BigDecimal price, boolean maker, List<Object> events) {
    BigDecimal qty = o.remainingQuantity();
    if (o.reduceOnly() || (!perp && o.side() == Side.SELL)) {
      qty = qty.min(o.side() == Side.SELL ? position.max(BigDecimal.ZERO) : position.negate().max(BigDecimal.ZERO));
    }
    BigDecimal fee = price.multiply(qty).multiply(BigDecimal.valueOf(maker ? makerFee : takerFee));
    if (qty.signum() <= 0 || !affordable(o.side(), qty, price, fee, o)) {
      Order rejected = with(o, OrderStatus.REJECTED, o.filledQuantity());
      orders.put(o.orderId(), rejected);
      events.add(rejected);
      return;
    }
    double q = qty.doubleValue();
    double p = price.doubleValue();
    book.applyFill(o.side().sign(), q, p, q * p, fee.doubleValue());
    position = position.add(o.side() == Side.BUY ? qty : qty.negate());
    book.restorePosition(position.doubleValue(), book.averageEntry(), book.entries());
    Fill fill = new Fill("S" + nextId++, o.orderId(), o.clientId(), o.symbol(), o.side(), price, qty, fee,
        instrument.quote(), maker, now);
    fills.add(fill);
    Order done = with(o, OrderStatus.FILLED, o.filledQuantity().add(qty));
    orders.put(o.orderId(), done);
    events.add(fill);
    events.add(done);
  }

  /** Whether the account can carry the fill; caller holds the lock. */
  private boolean affordable(Side side, BigDecimal qty, BigDecimal price, BigDecimal fee, Order self) {
    if (!perp) {
      return side == Side.SELL ? position.compareTo(qty) >= 0
          : BigDecimal.valueOf(book.cash()).subtract(lockedQuote(self)).compareTo(price.multiply(qty).add(fee)) >= 0;
    }
    boolean reducing = position.signum() != 0 && (position.signum() > 0) == (side == Side.SELL);
    BigDecimal opening = reducing ? qty.subtract(position.abs()).max(BigDecimal.ZERO) : qty;
    if (opening.signum() == 0) {
      return true;
    }
    BigDecimal need = opening.multiply(price).divide(BigDecimal.valueOf(leverage), MC).add(fee);
    return BigDecimal.valueOf(book.freeMargin(mark.doubleValue(), lockedQuote(self).doubleValue() / leverage))
        .compareTo(need) >= 0;
  }

  /** The quote resting limit buys lock (with their maker fee), but {@code except}'s. Caller holds the lock. */
  private BigDecimal lockedQuote(Order except) {
    BigDecimal locked = BigDecimal.ZERO;
    for (Order o : orders.values()) {
      if (o != except && !o.status().isTerminal() && o.type() == OrderType.LIMIT && o.side() == Side.BUY) {
        locked = locked.add(o.remainingQuantity().multiply(o.limitPrice())
            .multiply(BigDecimal.ONE.add(BigDecimal.valueOf(makerFee))));
      }
    }
    return locked;
  }

  private static Order with(Order o, OrderStatus status, BigDecimal filled) {
    return new Order(o.orderId(), o.clientId(), o.symbol(), o.side(), o.type(), status, o.quantity(), filled,
        o.limitPrice(), o.reduceOnly(), o.createdAt());
  }

  private void publish(List<Object> events) {
    for (Object e : events) {
      for (ExchangeListener l : account) {
        if (e instanceof Fill f) {
          l.onFill(f);
        } else {
          l.onOrder((Order) e);
        }
      }
    }
    events.clear();
  }

  private void checkSymbol(String symbol) {
    if (!instrument.symbol().equals(symbol)) {
      throw new NotFoundException(id(), "MARKET_NOT_FOUND", "no market " + symbol, null);
    }
  }

  @Override
  public String id() {
    return "scripted";
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

  @Override
  public synchronized Ticker ticker(String symbol) {
    checkSymbol(symbol);
    return new Ticker(symbol, mark, mark, mark, now);
  }

  @Override
  public synchronized OrderBook orderBook(String symbol, int depth) {
    checkSymbol(symbol);
    return new OrderBook(symbol, List.of(new OrderBook.Level(mark, BigDecimal.ONE)),
        List.of(new OrderBook.Level(mark, BigDecimal.ONE)), 1, now);
  }

  @Override
  public synchronized List<Bar> bars(String symbol, Duration barInterval, Instant from, Instant to) {
    checkSymbol(symbol);
    // only the bars already closed: the script's future is not history
    return script.subList(0, cursor).stream().filter(b -> !b.time().isBefore(from) && b.time().isBefore(to)).toList();
  }

  @Override
  public synchronized AccountState account() {
    double m = mark.doubleValue();
    double locked = lockedQuote(null).doubleValue() / leverage;
    BigDecimal equity = Rounding.decimal(book.equity(m));
    return new AccountState(equity, equity.max(BigDecimal.ZERO), Rounding.decimal(book.freeMargin(m, locked)),
        Rounding.decimal((perp ? book.marginInUse() : 0) + locked), now);
  }

  @Override
  public synchronized List<Balance> balances() {
    BigDecimal cash = Rounding.decimal(book.cash());
    BigDecimal locked = perp ? BigDecimal.ZERO : lockedQuote(null).min(cash.max(BigDecimal.ZERO));
    List<Balance> out = new ArrayList<>();
    out.add(new Balance(instrument.quote(), cash.subtract(locked).max(BigDecimal.ZERO), locked));
    if (!perp && position.signum() > 0) {
      out.add(new Balance(instrument.base(), position, BigDecimal.ZERO));
    }
    return out;
  }

  @Override
  public synchronized List<Position> positions() {
    if (!perp || position.signum() == 0) {
      return List.of();
    }
    return List.of(new Position(instrument.symbol(), position, Rounding.decimal(book.averageEntry()), mark,
        Rounding.decimal(book.unrealisedPnl(mark.doubleValue())), null, now));
  }

  @Override
  public Order placeOrder(OrderRequest request) {
    List<Object> events = new ArrayList<>();
    Order answer;
    synchronized (this) {
      checkSymbol(request.symbol());
      request.checkAgainst(instrument);
      for (Order o : orders.values()) {
        if (o.clientId() == request.clientId()) {
          return o; // a repeated client id gets the existing order
        }
      }
      boolean isMarket = request.type() == OrderType.MARKET;
      int sign = request.side().sign();
      BigDecimal price = isMarket
          ? Rounding.marketPrice(instrument, sign, FillRules.marketFill(sign, mark.doubleValue(), 0))
          : request.limitPrice();
      BigDecimal qty = request.quantity() != null ? request.quantity()
          : instrument.roundQuantity(request.quoteQuantity().divide(price, MC), RoundingMode.DOWN);
      boolean crosses = isMarket || (sign > 0 ? price.compareTo(mark) >= 0 : price.compareTo(mark) <= 0);
      if (crosses && request.postOnly()) {
        throw new OrderRejectedException(id(), "POST_ONLY", "post-only order would cross at " + mark, null);
      }
      if (crosses && !isMarket) {
        price = sign > 0 ? mark.min(price) : mark.max(price); // a marketable limit takes the book at the mark
      }
      BigDecimal fee = crosses ? price.multiply(qty).multiply(BigDecimal.valueOf(takerFee)) : BigDecimal.ZERO;
      boolean reduces = request.reduceOnly() || (!perp && request.side() == Side.SELL);
      // an order that fills at the next open is checked there, when it fills (a spot sell needs its base now)
      boolean deferred = crosses && (isMarket || betweenBars);
      if ((!reduces && !deferred || (!perp && request.side() == Side.SELL))
          && !affordable(request.side(), qty, price, fee, null)) {
        throw new InsufficientFundsException(id(), "INSUFFICIENT_FUNDS", "cannot carry %s %s %s".formatted(
            request.side(), qty.toPlainString(), request.symbol()), null);
      }
      Order order = new Order("V" + nextId++, request.clientId(), request.symbol(), request.side(), request.type(),
          OrderStatus.NEW, qty, BigDecimal.ZERO, request.limitPrice(), request.reduceOnly(), now);
      orders.put(order.orderId(), order);
      if (deferred) {
        if (!isMarket) {
          takers.add(order.orderId()); // the next trade is the next bar's open
        }
      } else if (crosses) {
        execute(order, price, false, events);
      }
      answer = orders.get(order.orderId());
    }
    publish(events);
    return answer;
  }

  @Override
  public synchronized Optional<Order> orderByClientId(String symbol, long clientId) {
    checkSymbol(symbol);
    return orders.values().stream().filter(o -> o.clientId() == clientId).findFirst();
  }

  @Override
  public synchronized Optional<Order> orderById(String symbol, String orderId) {
    checkSymbol(symbol);
    return Optional.ofNullable(orders.get(orderId));
  }

  @Override
  public synchronized List<Order> openOrders(String symbol) {
    return orders.values().stream().filter(o -> !o.status().isTerminal()).toList();
  }

  @Override
  public Order cancelOrder(String symbol, String orderId) {
    Order cancelled;
    synchronized (this) {
      checkSymbol(symbol);
      Order o = orders.get(orderId);
      if (o == null || o.status().isTerminal()) {
        throw new NotFoundException(id(), "ORDER_NOT_FOUND", "no open order " + orderId, null);
      }
      cancelled = with(o, OrderStatus.CANCELLED, o.filledQuantity());
      orders.put(orderId, cancelled);
      takers.remove(orderId);
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
  public synchronized List<Fill> fills(String symbol, Instant since) {
    return fills.stream().filter(f -> !f.time().isBefore(since)).toList();
  }

  @Override
  public Subscription streamMarket(String symbol, Duration barInterval, ExchangeListener listener) {
    checkSymbol(symbol);
    market.add(listener);
    return () -> market.remove(listener);
  }

  @Override
  public Subscription streamAccount(ExchangeListener listener) {
    account.add(listener);
    return () -> account.remove(listener);
  }

  @Override
  public void close() {
    market.clear();
    account.clear();
  }

  private final class VenueClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
