package dev.nanpin.live.paper;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.ConfigException;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.NotFoundException;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRequest;
import dev.nanpin.Position;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import dev.nanpin.engine.PortfolioBook;
import dev.nanpin.engine.Rounding;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A paper exchange of several markets replaying one CSV each ({@link #replay}), or following a
 * venue's public market data ({@link #mirror}), on one shared pool of quote cash (spot) or
 * cross-margin collateral (perps): the venue a multi-symbol bot trades on in paper, and the live
 * side of the portfolio backtest's parity.
 *
 * <h2>One account</h2>
 * Each market is a {@link PaperExchange} with the single-market fill rules, its own orders, fills
 * and book; the account is the kernel's {@link PortfolioBook} over the markets' books, as in the
 * portfolio backtester: whether a fill or an order is affordable is asked of the pool ({@link
 * PortfolioBook#available}, every market's reservations counted), a perp is liquidated at its
 * cross-margin liquidation price on the pool, and {@link #account()} and {@link #balances()}
 * answer for the pool. Every market quotes the same asset. The markets' {@link
 * PaperConfig#initialCash()} are ignored: the pool's cash is given here.
 *
 * <h2>Replay</h2>
 * The markets' bars are merged on one timeline: {@link #advance(Runnable)} plays the next
 * timestamp at which some market has a bar, market by market in the order given, running the
 * hook after each market's bar so that an engine reacts to it before the next market's bar is
 * played (the portfolio backtester's order). A market without a bar at that timestamp does
 * nothing there. The clock is the latest market's.
 *
 * <h2>Durability</h2>
 * With a state file {@code F}, each market keeps its state in {@code F.SYMBOL} as a single-market
 * paper exchange does: its orders, fills, replay position and cash flow; the pool's cash is the
 * initial cash plus the flows, so a killed process restarts from a consistent pool. Order and fill
 * ids carry the market's symbol, so they are unique across markets.
 *
 * <p>Thread-safe: every market takes the pool's one lock; listeners are called outside it.
 */
public final class PaperPortfolio implements Exchange {
  private final PaperPool pool;
  private final List<PaperExchange> markets;
  private final Map<String, PaperExchange> bySymbol = new LinkedHashMap<>();
  private final String quote;
  private final Clock clock = new ReplayClock(this::latest);

  /**
   * One market of a portfolio replay.
   *
   * @param config the market's settings (its initial cash is ignored: the pool's is shared)
   * @param bars its bars, oldest first, one interval apart
   * @param interval the bar length
   * @param historyBars how many bars are history before the first {@code advance}
   */
  public record Market(PaperConfig config, List<Bar> bars, Duration interval, int historyBars) {
    /** Validates. */
    public Market {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(bars, "bars");
      Objects.requireNonNull(interval, "interval");
    }
  }

  /** Makes market {@code i} of the portfolio on the pool, its state in {@code file}. */
  @FunctionalInterface
  private interface MarketMaker {
    PaperExchange make(int i, PaperConfig config, Path file, PaperPool pool);
  }

  private PaperPortfolio(BigDecimal initialCash, List<PaperConfig> list, Path stateFile, MarketMaker maker) {
    if (list.isEmpty()) {
      throw new ConfigException("symbols", "a paper portfolio needs at least one market");
    }
    if (initialCash == null || initialCash.signum() <= 0) {
      throw new ConfigException("cash", "the paper portfolio's cash must be > 0: " + initialCash);
    }
    this.pool = new PaperPool(initialCash.doubleValue());
    this.quote = list.get(0).instrument().quote();
    List<PaperExchange> built = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      PaperConfig c = list.get(i);
      Instrument inst = c.instrument();
      if (bySymbol.containsKey(inst.symbol())) {
        throw new ConfigException("symbols", "symbol " + inst.symbol() + " is listed twice");
      }
      if (!inst.quote().equals(quote)) {
        throw new ConfigException("symbols", "the markets of one paper account quote one asset: %s quotes %s, %s %s"
            .formatted(inst.symbol(), inst.quote(), list.get(0).instrument().symbol(), quote));
      }
      Path file = stateFile == null ? null : Path.of(stateFile.toString() + "." + inst.symbol());
      PaperExchange x = maker.make(i, c, file, pool);
      built.add(x);
      bySymbol.put(inst.symbol(), x);
    }
    this.markets = List.copyOf(built);
    synchronized (pool.lock) {
      pool.members(markets);
    }
  }

  /**
   * A paper portfolio replaying one bar list per market.
   *
   * @param initialCash the pool's starting quote balance, {@code > 0}
   * @param markets the markets, in the order each timestamp plays them
   * @param stateFile the state file prefix ({@code F.SYMBOL} per market), or {@code null} to keep
   *     the state in memory; existing files are loaded and each market resumes where it stopped
   * @return the exchange
   * @throws ConfigException if a symbol is listed twice or the markets quote different assets
   */
  public static PaperPortfolio replay(BigDecimal initialCash, List<Market> markets, Path stateFile) {
    List<Market> list = List.copyOf(markets);
    List<PaperConfig> configs = list.stream().map(Market::config).toList();
    return new PaperPortfolio(initialCash, configs, stateFile, (i, c, file, pool) -> {
      Market m = list.get(i);
      return new PaperExchange(c, List.copyOf(m.bars()), m.interval(), m.historyBars(), null, file, pool, i);
    });
  }

  /**
   * A paper portfolio on another exchange's public market data, one market per config, on one
   * pool: what {@link PaperExchange#mirror} is for one market. Each market follows the upstream's
   * tickers and bars of its symbol (resting orders fill as the price reaches them) and takes its
   * instrument, book and bars from there; the account is the pool's. {@link #advance} plays
   * nothing (there is no replay) and the clock is the wall clock.
   *
   * @param initialCash the pool's starting quote balance, {@code > 0}
   * @param markets each market's settings (its instrument should be the upstream's; its initial
   *     cash is ignored), in order
   * @param upstream the source of instruments, tickers, books, bars and market streams; not closed
   *     by this exchange
   * @param stateFile the state file prefix ({@code F.SYMBOL} per market), or {@code null} to keep
   *     the state in memory; existing files are loaded
   * @return the exchange
   * @throws ConfigException if a symbol is listed twice, the markets quote different assets or a
   *     perpetual has no funding rate or feed ({@link PaperConfig#requireFundingSource()})
   */
  public static PaperPortfolio mirror(BigDecimal initialCash, List<PaperConfig> markets, Exchange upstream,
      Path stateFile) {
    Objects.requireNonNull(upstream, "upstream");
    return new PaperPortfolio(initialCash, List.copyOf(markets), stateFile,
        (i, c, file, pool) -> new PaperExchange(c, null, null, 0, upstream, file, pool, i));
  }

  /** @return the symbols, in order */
  public List<String> symbols() {
    return List.copyOf(bySymbol.keySet());
  }

  /** @return the replay's clock: the latest market's time */
  public Clock clock() {
    return clock;
  }

  /** @return whether every market's replay has been played */
  public boolean finished() {
    return markets.stream().allMatch(PaperExchange::finished);
  }

  /**
   * Plays the next timestamp at which some market has a bar: each such market's bar, in order
   * ({@link PaperExchange#advance(Runnable)}), then {@code afterMarket}.
   *
   * @param afterPrint run after each print that filled orders and after each market's bar (the
   *     engine's {@code flush}), with no lock held; or {@code null}
   * @return {@code false} when every replay was finished
   */
  public boolean advance(Runnable afterPrint) {
    Instant next = null;
    for (PaperExchange m : markets) {
      Instant t = m.nextBarTime();
      if (t != null && (next == null || t.isBefore(next))) {
        next = t;
      }
    }
    if (next == null) {
      return false;
    }
    for (PaperExchange m : markets) {
      if (next.equals(m.nextBarTime())) {
        m.advance(afterPrint);
        if (afterPrint != null) {
          afterPrint.run();
        }
      }
    }
    return true;
  }

  private PaperExchange market(String symbol) {
    PaperExchange m = bySymbol.get(symbol);
    if (m == null) {
      throw new NotFoundException(id(), "MARKET_NOT_FOUND", "no market " + symbol + "; this paper account has "
          + bySymbol.keySet(), null);
    }
    return m;
  }

  @Override
  public String id() {
    return "paper";
  }

  @Override
  public List<Instrument> instruments() {
    return markets.stream().map(m -> m.config().instrument()).toList();
  }

  @Override
  public Instrument instrument(String symbol) {
    return market(symbol).instrument(symbol);
  }

  @Override
  public Ticker ticker(String symbol) {
    return market(symbol).ticker(symbol);
  }

  @Override
  public OrderBook orderBook(String symbol, int depth) {
    return market(symbol).orderBook(symbol, depth);
  }

  @Override
  public List<Bar> bars(String symbol, Duration interval, Instant from, Instant to) {
    return market(symbol).bars(symbol, interval, from, to);
  }

  /**
   * The pool: equity {@code = cash + spot holdings at their marks + perps' unrealised P&L}
   * ({@link PortfolioBook#equity}), margin in use the perps' initial margins plus the reservations,
   * free margin {@link PortfolioBook#freeMargin}.
   */
  @Override
  public AccountState account() {
    synchronized (pool.lock) {
      PortfolioBook b = pool.book();
      double[] marks = pool.marks();
      double reserved = pool.reserved();
      double inUse = reserved;
      for (int i = 0; i < markets.size(); i++) {
        if (b.perpetual(i)) {
          inUse += b.marginInUse(i);
        }
      }
      BigDecimal equity = Rounding.decimal(b.equity(marks));
      return new AccountState(equity, equity.max(BigDecimal.ZERO), Rounding.decimal(b.freeMargin(marks, reserved)),
          Rounding.decimal(inUse), clock.instant());
    }
  }

  /** The pool's quote (less what spot orders lock) and each spot market's base asset held. */
  @Override
  public List<Balance> balances() {
    synchronized (pool.lock) {
      PortfolioBook b = pool.book();
      BigDecimal cash = Rounding.decimal(b.cash());
      double spotReserved = 0;
      List<Balance> bases = new ArrayList<>();
      for (int i = 0; i < markets.size(); i++) {
        PaperExchange m = markets.get(i);
        if (!b.perpetual(i)) {
          spotReserved += m.market().reserved;
          if (m.market().position.signum() > 0) {
            bases.add(new Balance(m.config().instrument().base(), m.market().position, BigDecimal.ZERO));
          }
        }
      }
      BigDecimal locked = Rounding.decimal(spotReserved).min(cash.max(BigDecimal.ZERO));
      List<Balance> out = new ArrayList<>();
      out.add(new Balance(quote, cash.subtract(locked).max(BigDecimal.ZERO), locked));
      out.addAll(bases);
      return out;
    }
  }

  @Override
  public List<Position> positions() {
    List<Position> out = new ArrayList<>();
    for (PaperExchange m : markets) {
      out.addAll(m.positions());
    }
    return out;
  }

  @Override
  public Order placeOrder(OrderRequest request) {
    return market(request.symbol()).placeOrder(request);
  }

  @Override
  public Optional<Order> orderByClientId(String symbol, long clientId) {
    return market(symbol).orderByClientId(symbol, clientId);
  }

  @Override
  public Optional<Order> orderById(String symbol, String orderId) {
    return market(symbol).orderById(symbol, orderId);
  }

  @Override
  public List<Order> openOrders(String symbol) {
    if (symbol != null) {
      return market(symbol).openOrders(symbol);
    }
    List<Order> out = new ArrayList<>();
    for (PaperExchange m : markets) {
      out.addAll(m.openOrders(m.config().instrument().symbol()));
    }
    return out;
  }

  @Override
  public Order cancelOrder(String symbol, String orderId) {
    return market(symbol).cancelOrder(symbol, orderId);
  }

  @Override
  public List<Order> cancelAllOrders(String symbol) {
    return market(symbol).cancelAllOrders(symbol);
  }

  @Override
  public List<Fill> fills(String symbol, Instant since) {
    if (symbol != null) {
      return market(symbol).fills(symbol, since);
    }
    List<Fill> out = new ArrayList<>();
    for (PaperExchange m : markets) {
      out.addAll(m.fills(null, since));
    }
    out.sort(Comparator.comparing(Fill::time));
    return out;
  }

  @Override
  public Subscription streamMarket(String symbol, Duration barInterval, ExchangeListener listener) {
    return market(symbol).streamMarket(symbol, barInterval, listener);
  }

  /** One subscription over every market's account stream. */
  @Override
  public Subscription streamAccount(ExchangeListener listener) {
    List<Subscription> subs = new ArrayList<>();
    for (PaperExchange m : markets) {
      subs.add(m.streamAccount(listener));
    }
    return () -> subs.forEach(Subscription::close);
  }

  @Override
  public void close() {
    markets.forEach(PaperExchange::close);
  }

  /** @return the latest of the markets' replay times */
  private Instant latest() {
    Instant latest = Instant.MIN;
    for (PaperExchange m : markets) {
      Instant t = m.clock().instant();
      if (t.isAfter(latest)) {
        latest = t;
      }
    }
    return latest;
  }
}
