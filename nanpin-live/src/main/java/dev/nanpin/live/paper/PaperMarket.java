package dev.nanpin.live.paper;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InsufficientFundsException;
import dev.nanpin.Order;
import dev.nanpin.OrderRejectedException;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.OrderType;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.FillRules;
import dev.nanpin.engine.Liquidation;
import dev.nanpin.engine.OrderSizing;
import dev.nanpin.engine.Rounding;
import dev.nanpin.risk.MaintenanceMargin;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state and matching engine of one paper market: its orders, fills and account (the kernel's
 * {@link AccountBook} on an exact position), the placement rules, the print-by-print fills of a
 * price path by the kernel's {@link FillRules} and gap rule, funding and liquidation. The {@link
 * PaperExchange} that owns it adds the market feed, the listeners, the lock and the state file.
 *
 * <p>Not thread-safe: every method runs with the owning exchange's lock held (its own, or the
 * pool's on a market of a {@link PaperPortfolio}).
 */
final class PaperMarket {
  static final MathContext MC = MathContext.DECIMAL64;
  /** The simulator's default: a limit fills only when the price trades through it. */
  static final boolean LIMIT_FILLS_ON_TOUCH = false;

  final PaperConfig cfg;
  final Instrument instrument;
  /** The replay's bars, or {@code null} on a mirror. */
  final List<Bar> replay;
  final Duration interval;
  /** The shared pool of a {@link PaperPortfolio}'s market, or {@code null}. */
  final PaperPool pool;
  final int poolIndex;
  /** Prefixes the order and fill ids: empty, or the symbol on a market of a portfolio (ids unique venue-wide). */
  final String idPrefix;
  /** The kernel's account book: cash or wallet, average entry, fees, funding, realised P&amp;L. */
  final AccountBook book = new AccountBook();
  /** The exact position (the book's quantity is this as a double). */
  BigDecimal position = BigDecimal.ZERO;
  final MaintenanceMargin mmf;
  /** The next funding event, epoch ms; {@code Long.MIN_VALUE} until the first price. */
  long nextFunding = Long.MIN_VALUE;
  long liquidations;
  /** Whether a replay stands between two bars (its last bar played, the next not begun). */
  boolean betweenBars;
  /** Resting orders of a replay that were marketable when placed: they pay the taker fee. */
  final java.util.Set<String> takers = new java.util.HashSet<>();
  /** The quote each resting order reserved at placement ({@link OrderSizing#requiredQuote}), by order id. */
  final Map<String, Double> reservations = new java.util.HashMap<>();
  /** The sum of {@link #reservations}, kept as the backtester keeps it. */
  double reserved;
  /** Whether a replay's bar is being walked: orders placed now may wait for the next bar. */
  boolean walking;
  /** The orders placed while the current bar was walked. */
  final java.util.Set<String> placedInBar = new java.util.HashSet<>();
  final Map<String, Order> orders = new LinkedHashMap<>();
  final List<Fill> fills = new ArrayList<>();
  long nextOrderId = 1;
  long nextFillId = 1;
  int cursor;
  BigDecimal mark;
  Instant now;

  /**
   * A market; on a {@link PaperPortfolio} ({@code pool} not {@code null}) its book starts with no
   * cash (its cash is the market's cash flow into the pool).
   */
  PaperMarket(PaperConfig cfg, List<Bar> replay, Duration interval, PaperPool pool, int poolIndex) {
    this.cfg = cfg;
    this.instrument = cfg.instrument();
    this.replay = replay;
    this.interval = interval;
    this.pool = pool;
    this.poolIndex = poolIndex;
    this.idPrefix = pool == null ? "" : cfg.instrument().symbol() + "-";
    this.book.reset(cfg.perp(), cfg.leverage(), pool == null ? cfg.initialCash().doubleValue() : 0);
    this.mmf = cfg.requireFundingSource().maintenanceMargin();
  }

  void positionAt(int c) {
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
   * Fills the market orders waiting for the next price of a replay at {@code open} moved by the
   * slippage and rounded to the tick against the order, taker fee, oldest first. Caller holds the
   * lock.
   */
  void fillMarkets(BigDecimal open, List<Object> events) {
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
  BigDecimal[] path(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
    boolean lowFirst = FillRules.lowFirst(cfg.pessimisticPath(), open.doubleValue(), high.doubleValue(),
        low.doubleValue(), position.doubleValue());
    return new BigDecimal[] {open, lowFirst ? low : high, lowFirst ? high : low, close};
  }

  /**
   * Walks a bar's path, filling resting limit orders in the order the price reaches them, with
   * {@link FillRules} as the simulator does. Caller holds the lock.
   */
  void walk(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, List<Object> events) {
    BigDecimal from = open;
    for (BigDecimal to : path(open, high, low, close)) {
      sweep(from, to, events);
      from = to;
    }
  }

  /** Fills the resting orders the monotone move {@code from -> to} reaches, print by print. */
  void sweep(BigDecimal from, BigDecimal to, List<Object> events) {
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
  BigDecimal sweepPrint(BigDecimal from, BigDecimal to, List<Object> events) {
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
  void execute(Order o, BigDecimal price, boolean maker, List<Object> events) {
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
  double release(String orderId) {
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
  double available(double own) {
    return pool == null ? book.available(markOrEntry(), reserved, own) : pool.available(poolIndex, own);
  }

  /** The liquidation price of the position: on its own margin, or on the pool's cross margin. Caller holds the lock. */
  double liquidationPrice() {
    return pool == null ? book.liquidationPrice(mmf) : pool.liquidationPrice(poolIndex);
  }

  /** The price the account is marked at: the mark, or the average entry before the first price. */
  double markOrEntry() {
    return mark == null ? book.averageEntry() : mark.doubleValue();
  }

  /** Applies a fill to the kernel's book and the exact position. */
  void applyFill(Side side, BigDecimal qty, BigDecimal price, BigDecimal fee) {
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
  void chargeFunding(Instant time, BigDecimal price) {
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
  void liquidate(BigDecimal price, List<Object> events) {
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

  BigDecimal cash() {
    return Rounding.decimal(book.cash());
  }

  BigDecimal entry() {
    return Rounding.decimal(book.averageEntry());
  }

  BigDecimal unrealized() {
    return mark == null ? BigDecimal.ZERO : Rounding.decimal(book.unrealisedPnl(mark.doubleValue()));
  }

  static Order with(Order o, OrderStatus status, BigDecimal filled) {
    return new Order(o.orderId(), o.clientId(), o.symbol(), o.side(), o.type(), status, o.quantity(), filled,
        o.limitPrice(), o.reduceOnly(), o.createdAt());
  }

  /**
   * Places an order by the venue's rules (see {@link PaperExchange}): a repeated client id gets the
   * existing order; a marketable order fills now, or at the next open of a replay between bars
   * (checked there, when it fills); a resting limit that opens or adds reserves its {@link
   * OrderSizing#requiredQuote}.
   *
   * @return the order as it stands after placement
   * @throws OrderRejectedException when there is no price yet, the quantity is below the minimum or
   *     a post-only order would cross
   * @throws InsufficientFundsException when the account cannot carry the order now
   */
  Order place(OrderRequest request, List<Object> events) {
    request.checkAgainst(instrument);
    for (Order o : orders.values()) {
      if (o.clientId() == request.clientId()) {
        return o; // a repeated client id gets the existing order, as a venue answers
      }
    }
    if (mark == null) {
      throw new OrderRejectedException("paper", "NO_PRICE", "no market price yet for " + request.symbol(), null);
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
        throw new OrderRejectedException("paper", "QUANTITY", "quote amount %s buys less than the minimum of %s"
            .formatted(request.quoteQuantity().toPlainString(), instrument.symbol()), null);
      }
    }
    boolean crosses = market || (request.side() == Side.BUY
        ? request.limitPrice().compareTo(mark) >= 0 : request.limitPrice().compareTo(mark) <= 0);
    if (crosses && request.postOnly()) {
      throw new OrderRejectedException("paper", "POST_ONLY", "post-only order would cross at " + mark.toPlainString(), null);
    }
    Order order = new Order(idPrefix + "O" + nextOrderId++, request.clientId(), request.symbol(), request.side(), request.type(),
        OrderStatus.NEW, qty, BigDecimal.ZERO, request.limitPrice(), request.reduceOnly(), at());
    BigDecimal price = fillPrice;
    if (crosses && !market) {
      // a marketable limit takes the book at the mark, never worse than its limit
      price = request.side() == Side.BUY ? mark.min(request.limitPrice()) : mark.max(request.limitPrice());
    }
    if (!cfg.perp() && request.side() == Side.SELL && position.compareTo(qty) < 0) {
      throw new InsufficientFundsException("paper", "INSUFFICIENT_FUNDS", "not enough %s to sell %s"
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
      throw new InsufficientFundsException("paper", "INSUFFICIENT_FUNDS", "not enough %s for %s %s %s"
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
    return orders.get(order.orderId());
  }

  /** @return the account as the venue reports it ({@link PaperExchange#account()}) */
  AccountState accountState() {
    BigDecimal equity;
    BigDecimal inUse;
    BigDecimal free;
    double m = mark == null ? (cfg.perp() ? book.averageEntry() : 0) : mark.doubleValue();
    double locked = reserved;
    equity = Rounding.decimal(book.equity(m));
    inUse = Rounding.decimal(book.marginInUse() * (cfg.perp() ? 1 : 0) + locked);
    free = Rounding.decimal(book.freeMargin(m, locked));
    return new AccountState(equity, equity.max(BigDecimal.ZERO), free, inUse, at());
  }

  /** @return the balances as the venue reports them ({@link PaperExchange#balances()}) */
  List<Balance> balanceList() {
    List<Balance> out = new ArrayList<>();
    BigDecimal cash = cash();
    BigDecimal locked = cfg.perp() ? BigDecimal.ZERO : Rounding.decimal(reserved).min(cash.max(BigDecimal.ZERO));
    out.add(new Balance(instrument.quote(), cash.subtract(locked).max(BigDecimal.ZERO), locked));
    if (!cfg.perp() && position.signum() > 0) {
      out.add(new Balance(instrument.base(), position, BigDecimal.ZERO));
    }
    return out;
  }

  /** @return the positions as the venue reports them ({@link PaperExchange#positions()}) */
  List<Position> positionList() {
    if (!cfg.perp() || position.signum() == 0) {
      return List.of();
    }
    BigDecimal entry = entry();
    BigDecimal m = mark == null ? entry : mark;
    double liq = liquidationPrice();
    return List.of(new Position(instrument.symbol(), position, entry, m, unrealized(),
        Double.isNaN(liq) || liq <= 0 ? null : Rounding.decimal(liq), at()));
  }

  /** @return the venue's time: the replay's, or the wall clock */
  Instant at() {
    return replay != null ? now : Instant.now();
  }

  /** A mirrored ticker: a move from the previous mark to {@code last}, funding charged first. */
  void onTicker(BigDecimal last, List<Object> events) {
    now = Instant.now();
    chargeFunding(now, last);
    BigDecimal from = mark == null ? last : mark;
    sweep(from, from, events);
    sweep(from, last, events);
    mark = last;
  }

  /** A mirrored bar: its path walked, funding charged at its open first. */
  void onBar(Bar bar, List<Object> events) {
    now = Instant.now();
    chargeFunding(now, bar.open());
    walk(bar.open(), bar.high(), bar.low(), bar.close(), events);
    mark = bar.close();
  }
}
