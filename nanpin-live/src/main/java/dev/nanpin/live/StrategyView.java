package dev.nanpin.live;

import dev.nanpin.AccountView;
import dev.nanpin.BarSeries;
import dev.nanpin.ExchangeException;
import dev.nanpin.Instrument;
import dev.nanpin.Order;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderStatus;
import dev.nanpin.Signal;
import dev.nanpin.StrategyContext;
import dev.nanpin.UnknownSymbolException;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.BookAccountView;
import dev.nanpin.engine.VisibleBars;
import dev.nanpin.store.OrderUpdate;
import dev.nanpin.store.StoredOrder;
import java.util.List;
import java.util.Optional;

/**
 * What the strategy (and the sizer) sees of a live engine: its instrument, bars, clock and price,
 * the account, and the order calls, which go through the engine's order path. The account is the
 * kernel's {@link BookAccountView} over the engine's position book, with the venue's cash and
 * margin ({@link #venue()}). Engine thread only.
 *
 * <p>In a multi-symbol bot the strategy also sees the other ladders' bars ({@link #bars(String)},
 * by the kernel's {@link VisibleBars} rule): the ladders share one {@link EngineLoop} thread, so
 * reading another ladder's bar buffer here is safe without locks.
 */
final class StrategyView extends BookAccountView implements StrategyContext {
  private final EngineCore e;
  private final VenueFigures venue = new VenueFigures();

  /** The bot's symbols in ladder order; set on first use, when every ladder has been added. */
  private List<String> symbols;
  /** Per ladder, its bars as this ladder's strategy may see them; {@code null} at this ladder. */
  private VisibleBars[] others;

  StrategyView(EngineCore engine) {
    this.e = engine;
  }

  @Override
  public List<String> symbols() {
    if (e.portfolio == null) {
      return StrategyContext.super.symbols();
    }
    link();
    return symbols;
  }

  @Override
  public BarSeries bars(String symbol) {
    if (e.portfolio == null) {
      return StrategyContext.super.bars(symbol);
    }
    if (e.cfg.symbol().equals(symbol)) {
      return e.bars;
    }
    link();
    for (int k = 0; k < others.length; k++) {
      if (others[k] != null && symbols.get(k).equals(symbol)) {
        return others[k].before(e.bars.size() == 0 ? Long.MIN_VALUE
            : e.bars.lastTime() + e.cfg.barInterval().toMillis());
      }
    }
    throw new UnknownSymbolException(symbol, symbols);
  }

  private void link() {
    if (symbols != null) {
      return;
    }
    List<LiveEngine> ladders = e.portfolio.ladders();
    String[] names = new String[ladders.size()];
    VisibleBars[] views = new VisibleBars[ladders.size()];
    for (int k = 0; k < names.length; k++) {
      EngineCore l = ladders.get(k);
      names[k] = l.cfg.symbol();
      if (l != e) {
        views[k] = new VisibleBars(names[k], l.bars, l.cfg.barInterval().toMillis());
      }
    }
    others = views;
    symbols = List.of(names);
  }

  @Override
  public Instrument instrument() {
    return e.instrument;
  }

  @Override
  public BarSeries bars() {
    return e.bars;
  }

  @Override
  public long timeMillis() {
    return e.clock.millis();
  }

  @Override
  public double price() {
    return e.price;
  }

  @Override
  public AccountView account() {
    return this;
  }

  @Override
  protected AccountBook book() {
    return e.book;
  }

  @Override
  protected double mark() {
    return e.price;
  }

  @Override
  protected double reservedQuote() {
    return e.reservedQuote();
  }

  @Override
  protected VenueAccount venue() {
    return venue;
  }

  @Override
  public double makerFeeRate() {
    return e.cfg.makerFeeRate();
  }

  @Override
  public double takerFeeRate() {
    return e.cfg.takerFeeRate();
  }

  @Override
  public int submit(OrderIntent intent) {
    return e.submit(intent);
  }

  @Override
  public boolean cancel(int orderId) {
    Optional<StoredOrder> so = e.store.order(orderId);
    if (so.isEmpty() || so.get().state().isTerminal()) {
      return false;
    }
    if (so.get().exchangeOrderId() == null) {
      return false; // not answered yet: reconciliation settles it, cancelling blind could hit nothing
    }
    ((OrderPath) e).accountChanged();
    try {
      Order o = e.exchange.cancelOrder(e.cfg.symbol(), so.get().exchangeOrderId());
      e.store.updateOrder(OrderUpdate.from(EngineCore.withClientId(o, orderId), "cancelled by the strategy", e.clock.instant()));
      return o.status() == dev.nanpin.OrderStatus.CANCELLED;
    } catch (ExchangeException e) {
      EngineCore.log.info("Cancel of order {} failed: {}", orderId, e.getMessage());
      return false;
    }
  }

  @Override
  public void cancelAll() {
    for (StoredOrder so : e.store.openOrders()) {
      if (so.symbol().equals(e.cfg.symbol())) {
        cancel((int) so.clientId());
      }
    }
  }

  @Override
  public int openOrderCount() {
    return (int) e.store.openOrders().stream().filter(o -> o.symbol().equals(e.cfg.symbol())).count();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends Signal> S signal(Class<S> type) {
    Signal s = e.signals.get(type);
    if (s != null) {
      return (S) s;
    }
    for (Signal v : e.signals.values()) {
      if (type.isInstance(v)) {
        return type.cast(v);
      }
    }
    return null;
  }

  /** The venue's account figures as the engine last read them ({@link EngineCore#refreshAccount}). */
  private final class VenueFigures implements BookAccountView.VenueAccount {
    @Override
    public double equity() {
      return e.account == null ? 0 : e.account.equity().doubleValue();
    }

    @Override
    public double freeMargin() {
      return e.account == null ? 0 : e.account.freeMargin().doubleValue();
    }

    @Override
    public double collateral() {
      return e.account == null ? 0 : e.account.collateral().doubleValue();
    }

    @Override
    public double freeQuote() {
      return e.quoteAvailable;
    }
  }
}
