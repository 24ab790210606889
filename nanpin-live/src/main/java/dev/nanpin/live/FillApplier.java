package dev.nanpin.live;

import dev.nanpin.Exchange;
import dev.nanpin.Fill;
import dev.nanpin.Order;
import dev.nanpin.OrderStatus;
import dev.nanpin.Position;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.store.OrderState;
import dev.nanpin.store.OrderUpdate;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoredOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies fills to the live engine once each: recorded unique by fill id, then the order, the
 * ledger and the position, then the sizer's and strategy's {@code onFill} (the kernel's gap
 * rule for fills that arrive together), all in one store transaction. Also brings stored orders
 * to the state the venue's order updates report. Engine thread only.
 */
abstract class FillApplier extends OrderPath {
  FillApplier(EngineConfig config, Exchange exchange, Strategy strategy, Sizer sizer, RiskGuard guard,
      StateStore store, Clock clock, Notifier notifier) {
    super(config, exchange, strategy, sizer, guard, store, clock, notifier);
  }

  void onOrderUpdate(Order order) {
    if (!order.symbol().equals(cfg.symbol())) {
      return;
    }
    Optional<StoredOrder> so = order.clientId() >= 0 ? store.order(order.clientId()) : Optional.empty();
    if (so.isEmpty()) {
      so = store.orderByExchangeId(order.orderId());
    }
    if (so.isEmpty()) {
      return; // not ours, or not yet answered: reconciliation adopts it if it carries our id
    }
    StoredOrder s = so.get();
    accountChanged();
    boolean wasOpen = s.state().isOpen();
    store.updateOrder(OrderUpdate.from(withClientId(order, s.clientId()), "stream", clock.instant()));
    if (wasOpen && order.status() == dev.nanpin.OrderStatus.REJECTED) {
      inStrategyTx(() -> strategy.onOrderRejected(ctx, (int) s.clientId(), "rejected by " + exchange.id()));
    }
  }

  Optional<StoredOrder> ourOrder(Fill f) {
    Optional<StoredOrder> so = f.clientId() >= 0 ? store.order(f.clientId()) : Optional.empty();
    if (so.isEmpty()) {
      so = store.orderByExchangeId(f.orderId());
    }
    if (so.isPresent()) {
      return so;
    }
    // Our order, answered by the venue but not yet recorded? Ask the venue who owns it.
    Optional<Order> venue;
    try {
      venue = exchange.orderById(cfg.symbol(), f.orderId());
    } catch (RuntimeException e) {
      log.warn("Looking up order {} of fill {} failed: {}", f.orderId(), f.fillId(), e.toString());
      return Optional.empty();
    }
    if (venue.isEmpty() || venue.get().clientId() < 0) {
      return Optional.empty();
    }
    Order o = venue.get();
    so = store.order(o.clientId());
    if (so.isPresent()) {
      store.updateOrder(OrderUpdate.from(o, "venue id learned from fill " + f.fillId(), clock.instant()));
      return store.order(o.clientId());
    }
    if (isOurs(o.clientId())) {
      return Optional.of(adopt(o));
    }
    return Optional.empty();
  }

  boolean isOurs(long clientId) {
    return clientId >= 1 && clientId <= store.lastClientId();
  }

  StoredOrder adopt(Order o) {
    String detail = "venue order %s %s %s qty %s filled %s status %s".formatted(o.orderId(), o.side(), o.type(),
        o.quantity() == null ? "-" : o.quantity().toPlainString(), o.filledQuantity().toPlainString(), o.status());
    StoredOrder so = store.adoptOrder(o, -1, "adopted by reconciliation");
    store.audit("ADOPT_ORDER", "order " + o.clientId(), true, detail);
    log.warn("Reconciliation adopted order {}: {}", o.clientId(), detail);
    return so;
  }

  /** Applies a fill once: recorded, ledger, order, strategy and sizer, all in one transaction. */
  boolean applyFill(Fill f, String source) {
    return applyFills(List.of(f), source) == 1;
  }

  /** Takes every fill that has arrived from the stream and applies them together. */
  void drainArrivedFills() {
    drainScheduled.set(false); // a fill that arrives from now on schedules the next drain
    List<Fill> batch = new ArrayList<>();
    Fill f;
    while ((f = arrivedFills.poll()) != null) {
      batch.add(f);
    }
    applyFills(batch, "stream");
  }

  /**
   * Applies fills that arrived together, each once, by the kernel's gap rule: every fill is
   * recorded and applied to the order, the ledger and the position first, then the sizer and the
   * strategy hear {@code onFill} once per fill, in arrival order; all in one transaction, so a
   * crash leaves either all of them with their callbacks' state or none.
   *
   * @return the number of fills applied (not seen before, and ours)
   */
  int applyFills(List<Fill> batch, String source) {
    List<Fill> ours = new ArrayList<>();
    List<Long> owners = new ArrayList<>();
    for (Fill f : batch) {
      if (!f.symbol().equals(cfg.symbol()) || store.hasFill(f.fillId())) {
        continue;
      }
      Optional<StoredOrder> owner = ourOrder(f); // may ask the venue: outside the transaction
      if (owner.isEmpty()) {
        store.audit("FOREIGN_FILL", "fill " + f.fillId(), false,
            "fill of order %s (client id %d) is not this bot's; the position check accounts for it"
                .formatted(f.orderId(), f.clientId()));
        continue;
      }
      ours.add(f);
      owners.add(owner.get().clientId());
    }
    if (ours.isEmpty()) {
      return 0;
    }
    accountChanged();
    List<Fill> applied = new ArrayList<>();
    List<Long> appliedOwners = new ArrayList<>();
    inStrategyTx(() -> {
      applied.clear();
      appliedOwners.clear();
      List<Runnable> callbacks = new ArrayList<>();
      for (int k = 0; k < ours.size(); k++) {
        Fill f = ours.get(k);
        long cid = owners.get(k);
        if (!store.recordFill(f)) {
          continue;
        }
        applied.add(f);
        appliedOwners.add(cid);
        callbacks.add(applyRecorded(f, cid, source));
      }
      for (Runnable r : callbacks) {
        r.run();
      }
    });
    if (!applied.isEmpty()) {
      refreshAccount();
      for (int k = 0; k < applied.size(); k++) {
        Fill f = applied.get(k);
        notifier.notify(Notifier.FILL, fields("symbol", f.symbol(), "side", f.side().name(),
            "price", f.price().toPlainString(), "quantity", f.quantity().toPlainString(),
            "clientId", Long.toString(appliedOwners.get(k)), "position", Double.toString(posQty)));
      }
    }
    return applied.size();
  }

  /**
   * Applies a recorded fill to its order, the ledger and the position (caller holds the
   * transaction); returns the sizer and strategy callbacks, to run once the other fills of the
   * batch are applied.
   */
  Runnable applyRecorded(Fill f, long cid, String source) {
    StoredOrder so = store.order(cid).orElseThrow();
    // The venue's answer to the send may already carry this fill's quantity: the stored fills
    // are the count that cannot double.
    BigDecimal filled = BigDecimal.ZERO;
    for (Fill each : store.fillsOf(cid)) {
      filled = filled.add(each.quantity());
    }
    filled = filled.max(so.filledQuantity());
    boolean complete = so.quantity() != null && filled.compareTo(so.quantity()) >= 0;
    OrderState st = complete ? OrderState.FILLED : (so.state().isTerminal() ? so.state() : OrderState.PARTIALLY_FILLED);
    store.updateOrder(new OrderUpdate(cid, st, f.orderId(), filled, "fill " + f.fillId() + " (" + source + ")",
        f.time()));
    boolean closed = applyToLedger(f);
    fillsApplied++;
    double pnl = tradeRealized - tradeFees;
    double ret = tradeCost > 0 ? pnl / tradeCost : 0;
    if (closed) {
      tradeRealized = 0;
      tradeFees = 0;
      tradeCost = 0;
    }
    saveLedger();
    store.savePosition(new Position(cfg.symbol(), position, bd(Math.max(0, book.averageEntry())),
        bd(Double.isNaN(price) ? f.price().doubleValue() : price), bd(unrealized()), null, f.time()));
    boolean orderComplete = complete || so.quantity() == null;
    int tag = so.tag();
    return () -> {
      exec.set((int) cid, tag, f.side(), f.price().doubleValue(), f.quantity().doubleValue(),
          f.fee().doubleValue(), f.maker(), orderComplete, f.time().toEpochMilli());
      if (sizer != null) {
        sizer.onFill(exec, ctx);
      }
      strategy.onFill(ctx, exec);
      if (closed && sizer != null) {
        sizer.onTradeClosed(pnl, ret);
      }
    };
  }

}
