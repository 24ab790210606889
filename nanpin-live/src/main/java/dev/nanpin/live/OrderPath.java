package dev.nanpin.live;

import dev.nanpin.Exchange;
import dev.nanpin.InstrumentKind;
import dev.nanpin.InsufficientFundsException;
import dev.nanpin.Order;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderRejectedException;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderType;
import dev.nanpin.Side;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.TimeInForce;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.OrderSizing;
import dev.nanpin.engine.RiskCheck;
import dev.nanpin.engine.Rounding;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.store.OrderState;
import dev.nanpin.store.OrderUpdate;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoredOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The order path of the live engine: an intent is sized by the kernel, rounded to the grid,
 * checked by the risk guard, recorded "sending" (durably, with the callback that asked for it)
 * and sent once after the callback's transaction commits; an answer that is not definite leaves
 * the order "sending", never re-sent, and blocks new orders until it is resolved by its client id.
 * Engine thread only.
 */
abstract class OrderPath extends EngineCore {
  /**
   * Whether the venue's account figures ({@link #account}, {@link #quoteAvailable}) may be older
   * than the last change this process made or heard of (an order sent or cancelled, a fill, an
   * order update): the affordability check reads them again first.
   */
  private boolean accountStale = true;

  OrderPath(EngineConfig config, Exchange exchange, Strategy strategy, Sizer sizer, RiskGuard guard,
      StateStore store, Clock clock, Notifier notifier) {
    super(config, exchange, strategy, sizer, guard, store, clock, notifier);
  }

  // ---- order path ---------------------------------------------------------------------------

  int submit(OrderIntent intent) {
    Objects.requireNonNull(intent, "intent");
    if (stopping) {
      return refuse("the engine is shutting down");
    }
    List<StoredOrder> unknown = unresolvedOrders();
    if (!unknown.isEmpty()) {
      // never trade over an order that may exist: it is resolved by its client id first
      return refuse("order(s) %s on %s have an unknown outcome; no new order until they are resolved by client id"
          .formatted(unknown.stream().map(StoredOrder::clientId).toList(), cfg.symbol()));
    }
    if (paused) {
      return refuse("paused by the operator");
    }
    boolean limit = intent.type() == OrderType.LIMIT;
    BigDecimal limitPrice;
    try {
      // the kernel's rule: a limit is rounded to the tick first, and the order is sized at it
      limitPrice = limit ? Rounding.limitPrice(instrument, intent.side().sign(), intent.limitPrice()) : null;
    } catch (IllegalArgumentException e) {
      return refuse(e.getMessage());
    }
    double ref = limit ? limitPrice.doubleValue() : price;
    if (!(ref > 0)) {
      return refuse("no price yet");
    }
    boolean perp = instrument.kind() != InstrumentKind.SPOT;
    boolean reduce = intent.reduceOnly() || intent.sizing() == Sizing.POSITION_FRACTION;
    double fee = limit ? cfg.makerFeeRate() : cfg.takerFeeRate();
    double unit = 0;
    if (intent.sizing() == Sizing.SIZER) {
      if (sizer == null) {
        return refuse("the intent asks the sizer, and no sizer is configured");
      }
      unit = sizer.quoteSize(intent, ref, ctx, ctx.timeMillis());
      if (!(unit >= 0) || Double.isInfinite(unit)) {
        return refuse("the sizer answered " + unit);
      }
    }
    // The kernel's sizing; the venue margins a perp at the strategy's leverage ceiling, which the
    // risk guard enforces.
    double qty = OrderSizing.quantity(intent.sizing(), intent.amount(), ref, fee, perp, strategy.leverageCeiling(),
        OrderSizing.free(ctx, perp), posQty, unit);
    if (reduce) {
      boolean reduces = posQty != 0 && (posQty > 0) == (intent.side() == Side.SELL);
      if (!reduces) {
        return refuse("reduce-only order would not reduce the position");
      }
      qty = Math.min(qty, Math.abs(posQty));
    }
    if (!perp && intent.side() == Side.SELL) {
      qty = Math.min(qty, Math.max(0, posQty));
    }
    if (!(qty > 0) || Double.isInfinite(qty)) {
      return refuse("order size is zero");
    }
    BigDecimal quantity = Rounding.quantity(instrument, qty);
    if (!instrument.isTradable(quantity)) {
      return refuse("quantity %s is below the minimum %s of %s".formatted(quantity.toPlainString(),
          instrument.minQuantity().toPlainString(), instrument.symbol()));
    }
    BigDecimal refPrice = limit ? limitPrice : Rounding.decimal(price);
    // Before the first price (no warm-up bars, or a fill caught up at a restart before the next
    // bar) a limit order is checked with its own price as the mark: the guard never sees "no price".
    String riskRefusal = RiskCheck.refusal(guard, cfg.symbol(), intent.side().sign(), quantity, refPrice, reduce,
        account == null ? 0 : account.equity().doubleValue(), account == null ? 0 : account.collateral().doubleValue(),
        price > 0 ? price : ref, posQty, book.averageEntry(), restingNotional());
    if (riskRefusal == null && portfolio != null) {
      riskRefusal = portfolio.refusal(this, intent.side().sign(), quantity, refPrice, reduce);
    }
    if (riskRefusal != null) {
      return refuse(riskRefusal);
    }
    OrderRequest probe = new OrderRequest(cfg.symbol(), intent.side(), intent.type(), quantity, null, limitPrice,
        TimeInForce.GTC, reduce && perp, intent.postOnly(), 0);
    try {
      probe.checkAgainst(instrument);
    } catch (OrderRejectedException e) {
      return refuse(e.getMessage());
    }
    if (limit && !reduce) {
      String unaffordable = restRefusal(intent.side().sign(), quantity.doubleValue() * limitPrice.doubleValue(), fee,
          perp);
      if (unaffordable != null) {
        return refuse(unaffordable);
      }
    }
    long clientId = store.allocateClientId();
    if (clientId > Integer.MAX_VALUE) {
      return refuse("client id " + clientId + " does not fit the strategy's order id");
    }
    OrderRequest request = new OrderRequest(cfg.symbol(), intent.side(), intent.type(), quantity, null, limitPrice,
        TimeInForce.GTC, reduce && perp, intent.postOnly(), clientId);
    store.recordSending(request, intent.tag());
    toSend.add(request);
    return (int) clientId;
  }

  /**
   * The kernel's submit-time rule ({@link AccountBook#restRefusal}), as the backtester applies it:
   * a limit order that opens or adds to the position must be covered by what the account has free
   * now for its {@link OrderSizing#requiredQuote}, or it is refused before it is recorded or sent
   * (order id {@code -1}, {@code onOrderRejected(-1, ...)}, the backtester's reason). What is free
   * is the venue's free quote (spot) or free margin (perps), read again when this process changed
   * the account since the last read ({@link #accountChanged}), less what the orders recorded and
   * not yet placed reserve, over every ladder of a portfolio (one shared account). On any venue:
   * an order the engine's own figures say cannot be paid is not sent (a venue whose locks are
   * smaller than the kernel's may have taken it; refusing it is the conservative side). A market
   * order is checked when it fills (by the venue; the backtester at its fill).
   *
   * @return {@code null} when the order may go on, else the refusal
   */
  private String restRefusal(int sign, double notional, double fee, boolean perp) {
    if (posQty != 0 && (posQty > 0) != (sign > 0)) {
      return null; // reduces the position
    }
    if (accountStale) {
      refreshAccount();
    }
    double free = perp ? (account == null ? 0 : account.freeMargin().doubleValue()) : quoteAvailable;
    if (portfolio == null) {
      free -= unplacedReserve();
    } else {
      for (LiveEngine l : portfolio.ladders()) {
        free -= l.unplacedReserve();
      }
    }
    String why = AccountBook.restRefusal(OrderSizing.requiredQuote(notional, fee, perp, book.leverage()), free, perp);
    if (why != null) {
      store.audit("REFUSE_UNAFFORDABLE", cfg.symbol(), false, why);
    }
    return why;
  }

  /**
   * What this ladder's limit orders that add to the position and are recorded but not yet placed
   * (queued to send after the current callback) reserve, by {@link OrderSizing#requiredQuote}: the
   * venue's free figure does not count them yet.
   */
  double unplacedReserve() {
    double r = 0;
    for (OrderRequest so : toSend) { // each recorded "sending" by the committed callback
      if (so.limitPrice() == null || so.quantity() == null || so.reduceOnly()
          || (posQty != 0 && (posQty > 0) != (so.side() == Side.BUY))) {
        continue;
      }
      r += OrderSizing.requiredQuote(so.quantity().doubleValue() * so.limitPrice().doubleValue(), cfg.makerFeeRate(),
          book.perpetual(), book.leverage());
    }
    return r;
  }

  /**
   * Notes that the shared account changed (an order sent or cancelled, a fill, an order update):
   * the next affordability check of this ladder, and of every ladder of its portfolio, reads the
   * venue's figures again.
   */
  /** A read of the venue's figures also makes this ladder's affordability check current. */
  @Override
  boolean refreshAccount() {
    boolean read = super.refreshAccount();
    if (read) {
      accountStale = false; // what changes after this read marks it stale again (accountChanged)
    }
    return read;
  }

  void accountChanged() {
    if (portfolio == null) {
      accountStale = true;
    } else {
      for (LiveEngine l : portfolio.ladders()) {
        ((OrderPath) l).accountStale = true;
      }
    }
  }

  /**
   * Orders of this symbol whose placement outcome is unknown: recorded "sending" and not merely
   * queued by this process's last callback, that is, sent without a definite answer by this
   * process, or left "sending" by a process that was killed. They are never sent again; they are
   * resolved by their client id ({@link #resolveSending}).
   */
  List<StoredOrder> unresolvedOrders() {
    List<StoredOrder> out = new ArrayList<>();
    for (StoredOrder so : store.openOrders()) {
      if (so.state() == OrderState.SENDING && so.symbol().equals(cfg.symbol()) && !queued(so.clientId())) {
        out.add(so);
      }
    }
    return out;
  }

  private boolean queued(long clientId) {
    for (OrderRequest r : toSend) {
      if (r.clientId() == clientId) {
        return true;
      }
    }
    return false;
  }

  int refuse(String reason) {
    log.debug("Intent refused: {}", reason);
    strategy.onOrderRejected(ctx, -1, reason);
    return -1;
  }

  /** Sends the orders recorded as "sending" by the last callbacks, one at a time. */
  void sendPending() {
    if (sending) {
      return; // the outer loop below picks up orders queued by nested callbacks
    }
    sending = true;
    try {
      OrderRequest request;
      while ((request = toSend.poll()) != null) {
        send(request);
      }
    } finally {
      sending = false;
    }
  }

  /**
   * Sends an order recorded "sending" by a committed callback. The request is the one recorded,
   * kept in memory since: nothing but this thread changes the order before it is sent (a cancel
   * of an unanswered order is refused), so re-reading the record gave the same request.
   */
  void send(OrderRequest request) {
    long clientId = request.clientId();
    accountChanged();
    try {
      if (marketEventNanos >= 0) {
        observer.tickToOrder(System.nanoTime() - marketEventNanos);
      }
      Order o = exchange.placeOrder(request);
      store.updateOrder(OrderUpdate.from(withClientId(o, clientId), "placed", clock.instant()));
    } catch (OrderRejectedException | InsufficientFundsException e) {
      store.updateOrder(new OrderUpdate(clientId, OrderState.REJECTED, null, null, e.getMessage(), clock.instant()));
      log.info("Order {} rejected by {}: {}", clientId, exchange.id(), e.getMessage());
      inStrategyTx(() -> strategy.onOrderRejected(ctx, (int) clientId, e.getMessage()));
    } catch (RuntimeException e) {
      // Outcome unknown: the venue may have the order. Look it up; never send it again.
      sendAttempts.put(clientId, clock.instant());
      log.warn("Order {} outcome unknown after {}: resolving by client id", clientId, e.toString());
      Optional<Order> found;
      try {
        found = exchange.orderByClientId(cfg.symbol(), clientId);
      } catch (RuntimeException lookup) {
        found = Optional.empty();
        log.warn("Looking up order {} failed: {}; reconciliation will settle it", clientId, lookup.toString());
      }
      if (found.isPresent()) {
        store.updateOrder(OrderUpdate.from(found.get(), "resolved by client id after " + e.getClass().getSimpleName(),
            clock.instant()));
        store.audit("RESOLVE_SENDING", "order " + clientId, true, "found at the venue after " + e);
      } else {
        store.audit("SEND_UNKNOWN", "order " + clientId, false,
            "no venue record yet after " + e + "; left sending until the signing window passes");
      }
    }
  }

}
