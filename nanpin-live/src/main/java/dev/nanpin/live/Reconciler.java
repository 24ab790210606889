package dev.nanpin.live;

import dev.nanpin.Balance;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeException;
import dev.nanpin.Fill;
import dev.nanpin.InstrumentKind;
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
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles the live engine with the venue: missed fills, venue orders carrying our client ids,
 * orders of unknown outcome resolved by client id (or failed after the signing window), the
 * position to the venue's view, balances; every decision in the store's audit log. Engine thread
 * only.
 */
abstract class Reconciler extends FillApplier {
  Reconciler(EngineConfig config, Exchange exchange, Strategy strategy, Sizer sizer, RiskGuard guard,
      StateStore store, Clock clock, Notifier notifier) {
    super(config, exchange, strategy, sizer, guard, store, clock, notifier);
  }

  // ---- reconciliation -----------------------------------------------------------------------

  void maybeReconcile(String why, boolean wallTick) {
    if (stopping || failure != null) {
      return;
    }
    Instant now = clock.instant();
    if (wallTick || !now.isBefore(lastReconcile.plus(cfg.reconcileEvery()))) {
      reconcileOrRetry(why);
    }
  }

  /** Reconciles; a venue failure (timeout, outage, rate limit) is retried next period, not fatal. */
  void reconcileOrRetry(String why) {
    try {
      reconcile(why);
    } catch (ExchangeException e) {
      log.warn("Reconciliation ({}) failed, retried in {}: {}", why, cfg.reconcileEvery(), e.getMessage());
      store.audit("RECONCILE_FAILED", cfg.symbol(), false, why + ": " + e.getMessage());
      observer.reconcileFailed();
    }
  }

  void reconcile(String why) {
    Instant now = clock.instant();
    lastReconcile = now;
    int changes = 0;
    // 1. missed fills, from the venue's history since the last fill we saw
    // A margin before the last stored fill: a fill the stream missed may carry an earlier time
    // than one it delivered. Fills already stored are skipped by id.
    Duration margin = cfg.reconcileEvery().multipliedBy(2).compareTo(Duration.ofMinutes(10)) > 0
        ? cfg.reconcileEvery().multipliedBy(2) : Duration.ofMinutes(10);
    Instant since = store.lastFill().map(f -> f.time().minus(margin))
        .orElseGet(() -> store.recentOrders(Integer.MAX_VALUE).stream().map(StoredOrder::createdAt)
            .min(Instant::compareTo).orElse(now));
    for (Fill f : exchange.fills(cfg.symbol(), since)) {
      if (!store.hasFill(f.fillId()) && applyFill(f, "reconciliation")) {
        changes++;
        store.audit("APPLY_MISSED_FILL", "fill " + f.fillId(), true, "%s %s @ %s of order %s, missed by the stream"
            .formatted(f.side(), f.quantity().toPlainString(), f.price().toPlainString(), f.orderId()));
        log.warn("Reconciliation applied missed fill {} ({} {} @ {})", f.fillId(), f.side(),
            f.quantity().toPlainString(), f.price().toPlainString());
      }
    }
    // 2. venue orders carrying our client ids
    Set<Long> openAtVenue = new HashSet<>();
    for (Order o : exchange.openOrders(cfg.symbol())) {
      if (o.clientId() < 0) {
        continue;
      }
      openAtVenue.add(o.clientId());
      Optional<StoredOrder> so = store.order(o.clientId());
      if (so.isEmpty()) {
        if (isOurs(o.clientId())) {
          adopt(o);
          changes++;
        }
      } else if (differs(so.get(), o)) {
        changes += settle(so.get(), o, so.get().state() == OrderState.SENDING ? "RESOLVE_SENDING" : "UPDATE_ORDER");
      }
    }
    // 3. store orders the venue no longer lists as open
    for (StoredOrder so : store.openOrders()) {
      if (!so.symbol().equals(cfg.symbol()) || openAtVenue.contains(so.clientId())) {
        continue;
      }
      if (so.state() == OrderState.SENDING) {
        changes += resolveSending(so, now);
        continue;
      }
      Optional<Order> venue = exchange.orderByClientId(cfg.symbol(), so.clientId());
      if (venue.isPresent()) {
        changes += settle(so, venue.get(), "UPDATE_ORDER");
      } else {
        store.audit("MISSING_ORDER", "order " + so.clientId(), false,
            "state %s in the store, unknown to the venue; left as is".formatted(so.state()));
      }
    }
    // 4. the position, to the venue's view
    BigDecimal venueQty = venuePosition();
    if (venueQty != null) {
      venuePosQty = venueQty.doubleValue();
      if (venueQty.compareTo(position) != 0) {
        String detail = "ledger %s, venue %s".formatted(position.toPlainString(), venueQty.toPlainString());
        double oldQty = posQty;
        store.runInTransaction(s -> {
          setPosition(venueQty);
          if (position.signum() != 0 && (oldQty == 0 || Math.signum(oldQty) != Math.signum(posQty))) {
            book.restorePosition(posQty, venueEntry != null && venueEntry.signum() > 0 ? venueEntry.doubleValue() : price,
                1);
          }
          saveLedger();
          store.savePosition(new Position(cfg.symbol(), position, bd(book.averageEntry()), bd(price > 0 ? price : 0),
              bd(unrealized()), null, now));
          store.audit("CORRECT_POSITION", cfg.symbol(), true, detail);
        });
        log.warn("Reconciliation corrected the position of {} to the venue's view: {}", cfg.symbol(), detail);
        changes++;
      }
    }
    // 5. balances and collateral
    refreshAccount();
    if (account != null) {
      store.saveEquity(account);
    }
    store.audit("RECONCILE", cfg.symbol(), changes > 0, "%s: %d change(s), position %s".formatted(why, changes, posQty));
    observer.reconciled(changes);
    if (changes == 0) {
      log.debug("Reconciliation ({}) found nothing to change", why);
    }
  }

  BigDecimal venueEntry;

  /**
   * Resolves the orders of unknown outcome now, when there are any: each is looked up by its
   * client id. Runs at every bar (event time) and on a wall-clock tick, so that new orders are
   * blocked no longer than the lookup or the signing window takes.
   */
  void resolveUnknownOrders(String why) {
    if (stopping || failure != null) {
      return;
    }
    List<StoredOrder> unknown = unresolvedOrders();
    if (unknown.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    for (StoredOrder so : unknown) {
      try {
        resolveSending(so, now);
      } catch (ExchangeException e) {
        store.audit("RESOLVE_FAILED", "order " + so.clientId(), false, why + ": " + e.getMessage());
        log.warn("Looking up order {} of unknown outcome failed ({}); retried: {}", so.clientId(), why,
            e.getMessage());
      }
    }
  }

  /**
   * Resolves one order recorded "sending" by its client id: settled to the venue's state when the
   * venue has it; failed when it has no record of it after the signing window counted from the
   * order's last possible signature; otherwise left "sending" (and blocking) for the next try.
   *
   * @return 1 when something changed, else 0
   */
  int resolveSending(StoredOrder so, Instant now) {
    Optional<Order> venue = exchange.orderByClientId(cfg.symbol(), so.clientId());
    if (venue.isPresent()) {
      return settle(so, venue.get(), "RESOLVE_SENDING");
    }
    // The request was signed no earlier than it was recorded and no later than the last send
    // attempt of this process, or, for a send of an earlier process, than this start.
    Instant signedBy = latest(so.createdAt(), startedAt, sendAttempts.getOrDefault(so.clientId(), Instant.MIN));
    if (!now.isAfter(signedBy.plus(cfg.signingWindow()))) {
      store.audit("WAIT_SENDING", "order " + so.clientId(), false,
          "recorded %s, signing window open until %s".formatted(so.createdAt(), signedBy.plus(cfg.signingWindow())));
      return 0;
    }
    store.updateOrder(new OrderUpdate(so.clientId(), OrderState.FAILED, null, null,
        "no venue record after the signing window", now));
    store.audit("FAIL_SENDING", "order " + so.clientId(), true,
        "recorded %s, last possible signature %s, no venue record at %s, signing window %s"
            .formatted(so.createdAt(), signedBy, now, cfg.signingWindow()));
    sendAttempts.remove(so.clientId());
    log.warn("Order {} failed: the venue has no record of it after the signing window", so.clientId());
    inStrategyTx(() -> strategy.onOrderRejected(ctx, (int) so.clientId(), "never reached the venue"));
    return 1;
  }

  /** The venue's position: its positions list, or the base balance on a spot market. */
  BigDecimal venuePosition() {
    venueEntry = null;
    observer.liquidationDistance(Double.NaN); // until the venue lists a position with a liquidation price
    for (Position p : exchange.positions()) {
      if (p.symbol().equals(cfg.symbol())) {
        venueEntry = p.entryPrice();
        checkLiquidation(p);
        return p.quantity();
      }
    }
    if (instrument.kind() == InstrumentKind.SPOT) {
      for (Balance b : exchange.balances()) {
        if (b.asset().equals(instrument.base())) {
          return b.total();
        }
      }
      return BigDecimal.ZERO;
    }
    return BigDecimal.ZERO;
  }

  void checkLiquidation(Position p) {
    BigDecimal min = guard.limits().minLiquidationDistance();
    if (p.liquidationPrice() == null || p.markPrice().signum() <= 0 || p.isFlat()) {
      return;
    }
    double mark = p.markPrice().doubleValue();
    double distance = Math.abs(mark - p.liquidationPrice().doubleValue()) / mark;
    observer.liquidationDistance(distance);
    if (min != null && distance < min.doubleValue()) {
      log.warn("Position {} is {} from liquidation at {}, below the limit {}", p.symbol(), distance,
          p.liquidationPrice().toPlainString(), min.toPlainString());
      notifier.notify(Notifier.LIQUIDATION_WARNING, fields("symbol", p.symbol(), "distance", Double.toString(distance),
          "liquidationPrice", p.liquidationPrice().toPlainString(), "markPrice", p.markPrice().toPlainString()));
    }
  }

  static boolean differs(StoredOrder so, Order o) {
    return so.state() != OrderState.of(o.status()) || so.filledQuantity().compareTo(o.filledQuantity()) != 0
        || so.exchangeOrderId() == null;
  }

  int settle(StoredOrder so, Order o, String action) {
    if (!differs(so, o)) {
      return 0;
    }
    String detail = "store %s filled %s, venue %s filled %s".formatted(so.state(), so.filledQuantity().toPlainString(),
        o.status(), o.filledQuantity().toPlainString());
    var result = store.updateOrder(OrderUpdate.from(withClientId(o, so.clientId()), "reconciliation", clock.instant()));
    boolean changed = result == dev.nanpin.store.UpdateResult.APPLIED;
    store.audit(action, "order " + so.clientId(), changed, detail);
    if (changed) {
      log.warn("Reconciliation {} order {}: {}", action, so.clientId(), detail);
      if (o.status() == dev.nanpin.OrderStatus.REJECTED && so.state().isOpen()) {
        inStrategyTx(() -> strategy.onOrderRejected(ctx, (int) so.clientId(), "rejected by " + exchange.id()));
      }
    }
    return changed ? 1 : 0;
  }

}
