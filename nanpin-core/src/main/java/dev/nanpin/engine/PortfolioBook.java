package dev.nanpin.engine;

import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.RiskMath;

/**
 * The account of several symbols that share one pool of quote cash (spot) or collateral (perps):
 * the portfolio form of {@link AccountBook}, used by the portfolio backtester and, through it, by
 * multi-symbol bots.
 *
 * <h2>One set of rules</h2>
 * Every symbol keeps an {@link AccountBook} of its own that starts with no cash: its {@link
 * AccountBook#cash()} is then exactly that symbol's cash flow (what its fills, fees and funding
 * took from or gave to the pool), so the position, average entry, realised P&amp;L, fee and
 * funding rules are the single-symbol book's, not a copy. The pool is
 * <pre>
 *   cash = initial cash + sum over symbols of their cash flow
 *   equity(marks) = initial cash + sum over symbols of book_i.equity(mark_i)
 * </pre>
 * which is the pool's cash plus the spot holdings at their marks plus the perps' unrealised
 * P&amp;L. A portfolio of one symbol is that symbol's {@link AccountBook}: the same position to
 * the bit, the same cash up to the order in which the floating-point sums are added.
 *
 * <h2>Margin and liquidation (cross margin on the shared collateral)</h2>
 * The perps are margined together on the pool: the collateral is the quote cash (spot holdings
 * are not counted as collateral), the free margin is {@code cash + sum of the perps' unrealised
 * P&amp;L - sum of their initial margins - reserved}, and the account is liquidated when the
 * collateral plus the perps' unrealised P&amp;L falls to the sum of their maintenance margins.
 * The liquidation price of one symbol, the others' marks held, is {@link
 * RiskMath#liquidationPrice(double, double, double, MaintenanceMargin)} of that position backed
 * by the margin {@code max(0, cash + sum over the other perps of (unrealised - maintenance))}:
 * the collateral what the other positions add to or take from it. With one symbol that is the
 * single-symbol book's liquidation price.
 *
 * <p>A mutable flyweight over primitives that its engine owns: no method allocates. Not
 * thread-safe: one portfolio per engine thread.
 */
public final class PortfolioBook {
  private final AccountBook[] books;
  private double initialCash;

  /**
   * A portfolio of {@code symbols} flat spot books and no cash; {@link #reset} configures it.
   *
   * @param symbols the number of symbols, {@code >= 1}
   */
  public PortfolioBook(int symbols) {
    if (symbols < 1) {
      throw new IllegalArgumentException("a portfolio needs at least one symbol: " + symbols);
    }
    books = new AccountBook[symbols];
    for (int i = 0; i < symbols; i++) {
      books[i] = new AccountBook();
    }
  }

  private PortfolioBook(AccountBook[] books, double initialCash) {
    this.books = books;
    this.initialCash = initialCash;
  }

  /**
   * A portfolio over books that their owners keep, one per symbol (a paper venue's markets, each
   * booking its own fills): each book's cash is that symbol's cash flow, so each must have been
   * reset with no cash. The portfolio reads the books; their owners apply the fills.
   *
   * @param books one book per symbol, each reset with a cash of {@code 0}
   * @param initialCash the starting cash or collateral of the pool
   * @return the portfolio
   * @throws IllegalArgumentException if there is no book
   */
  public static PortfolioBook over(AccountBook[] books, double initialCash) {
    if (books.length < 1) {
      throw new IllegalArgumentException("a portfolio needs at least one symbol");
    }
    return new PortfolioBook(books.clone(), initialCash);
  }

  /**
   * Starts over: every symbol flat, the pool holding {@code initialCash}.
   *
   * @param perpetual whether each symbol is margined, one entry per symbol
   * @param leverage the leverage of each symbol on perps, {@code >= 1} (ignored on spot)
   * @param initialCash the starting cash or collateral of the pool
   * @return this portfolio
   * @throws IllegalArgumentException if an array's length is not the number of symbols, or a perp's
   *     leverage is below 1
   */
  public PortfolioBook reset(boolean[] perpetual, double[] leverage, double initialCash) {
    if (perpetual.length != books.length || leverage.length != books.length) {
      throw new IllegalArgumentException("need one perpetual flag and one leverage per symbol (%d): %d, %d"
          .formatted(books.length, perpetual.length, leverage.length));
    }
    for (int i = 0; i < books.length; i++) {
      books[i].reset(perpetual[i], perpetual[i] ? leverage[i] : 1, 0);
    }
    this.initialCash = initialCash;
    return this;
  }

  /** @return the number of symbols */
  public int symbols() {
    return books.length;
  }

  /**
   * Applies a fill of one symbol, by {@link AccountBook#applyFill}'s rules, to its position and
   * the pool.
   *
   * @param symbol the symbol's index
   * @param sign {@code +1} buy, {@code -1} sell
   * @param qty the filled base quantity, {@code > 0}
   * @param price the fill price
   * @param notional the fill's notional
   * @param fee the fee paid, quote units
   * @return the P&amp;L the closing part realised, before the fee
   */
  public double applyFill(int symbol, int sign, double qty, double price, double notional, double fee) {
    return books[symbol].applyFill(sign, qty, price, notional, fee);
  }

  /**
   * Pays one symbol's funding out of the pool, by {@link AccountBook#payFunding}'s rule.
   *
   * @param symbol the symbol's index
   * @param price the mark price
   * @param rate the funding rate of the interval
   * @return the amount paid (negative: received)
   */
  public double payFunding(int symbol, double price, double rate) {
    return books[symbol].payFunding(price, rate);
  }

  /**
   * Restores one symbol's position read back from durable state or a venue.
   *
   * @param symbol the symbol's index
   * @param signedQuantity the signed position
   * @param entry the average entry ({@code 0} when flat)
   * @param entryCount the fills that built it
   */
  public void restorePosition(int symbol, double signedQuantity, double entry, int entryCount) {
    books[symbol].restorePosition(signedQuantity, entry, entryCount);
  }

  /**
   * Sets the pool's cash (e.g. from the venue's balance), keeping each symbol's cash flow.
   *
   * @param value the pool's cash
   */
  public void setCash(double value) {
    initialCash = value - flows();
  }

  private double flows() {
    double sum = 0;
    for (AccountBook b : books) {
      sum += b.cash();
    }
    return sum;
  }

  /** @return the pool's quote cash (spot) or wallet (perps) */
  public double cash() {
    return initialCash + flows();
  }

  /**
   * The portfolio's equity.
   *
   * @param marks the mark price of each symbol
   * @return the pool's cash plus spot holdings at their marks plus the perps' unrealised P&amp;L
   */
  public double equity(double[] marks) {
    double e = initialCash;
    for (int i = 0; i < books.length; i++) {
      e += books[i].equity(marks[i]);
    }
    return e;
  }

  /**
   * The free cash or margin of the pool: {@code cash + sum of the perps' unrealised P&amp;L - sum
   * of their initial margins - reserved}, never negative. With spot symbols only that is {@code
   * cash - reserved}.
   *
   * @param marks the mark price of each symbol
   * @param reserved the quote reserved by resting orders of every symbol
   * @return the free amount
   */
  public double freeMargin(double[] marks, double reserved) {
    double free = cash() - reserved;
    for (int i = 0; i < books.length; i++) {
      AccountBook b = books[i];
      if (b.perpetual()) {
        free += b.unrealisedPnl(marks[i]) - b.marginInUse();
      }
    }
    return Math.max(0.0, free);
  }

  /**
   * The quantity of one symbol's fill its position allows, by {@link
   * AccountBook#fillableQuantity}'s rule.
   *
   * @param symbol the symbol's index
   * @param sign {@code +1} buy, {@code -1} sell
   * @param qty the quantity the order would fill
   * @param reduceOnly whether the order may only reduce the position
   * @return the quantity, or one of {@code AccountBook}'s negative refusals
   */
  public double fillableQuantity(int symbol, int sign, double qty, boolean reduceOnly) {
    return books[symbol].fillableQuantity(sign, qty, reduceOnly);
  }

  /**
   * The free quote one symbol's fill needs, by {@link AccountBook#fillRequirement}'s rule.
   *
   * @param symbol the symbol's index
   * @param sign {@code +1} buy, {@code -1} sell
   * @param qty the fill's quantity
   * @param price the fill price
   * @param notional the fill's notional
   * @param fee the fill's fee
   * @return the quote needed, {@code 0} when none
   */
  public double fillRequirement(int symbol, int sign, double qty, double price, double notional, double fee) {
    return books[symbol].fillRequirement(sign, qty, price, notional, fee);
  }

  /**
   * What the pool has free for one symbol's fill or new order, as {@link AccountBook#available}
   * for one symbol: on a perp the pool's free margin, on spot its cash, less what every symbol's
   * resting orders reserved, plus the filling order's own reservation. Compare with {@link
   * AccountBook#covers}.
   *
   * @param symbol the symbol's index
   * @param marks the mark price of each symbol
   * @param reserved the quote reserved by every symbol's resting orders
   * @param own the filling order's own reservation ({@code 0} for a new order)
   * @return the free quote
   */
  public double available(int symbol, double[] marks, double reserved, double own) {
    return books[symbol].perpetual() ? freeMargin(marks, reserved) + own : cash() - reserved + own;
  }

  /** @return the capital the open positions tie up: spot cost plus perps' initial margin, over all symbols */
  public double marginInUse() {
    double sum = 0;
    for (AccountBook b : books) {
      sum += b.marginInUse();
    }
    return sum;
  }

  /**
   * The maintenance margin one symbol's position needs at a mark.
   *
   * @param symbol the symbol's index
   * @param mark its mark price
   * @param mmf its maintenance-margin function
   * @return {@code mmf(|q| mark) * |q| mark} on a perp, {@code 0} on spot or when flat
   */
  public double maintenance(int symbol, double mark, MaintenanceMargin mmf) {
    AccountBook b = books[symbol];
    if (!b.perpetual() || b.quantity() == 0) {
      return 0;
    }
    double notional = Math.abs(b.quantity()) * mark;
    return mmf.fraction(notional) * notional;
  }

  /**
   * Whether the cross-margined perps are at or below their maintenance margin: {@code cash + sum of
   * the perps' unrealised P&amp;L <= sum of their maintenance margins}, with some perp open.
   *
   * @param marks the mark price of each symbol
   * @param mmf the maintenance-margin function of each symbol
   * @return whether the account is due for liquidation
   */
  public boolean belowMaintenance(double[] marks, MaintenanceMargin[] mmf) {
    double equity = cash();
    double needed = 0;
    boolean open = false;
    for (int i = 0; i < books.length; i++) {
      AccountBook b = books[i];
      if (b.perpetual() && b.quantity() != 0) {
        open = true;
        equity += b.unrealisedPnl(marks[i]);
        needed += maintenance(i, marks[i], mmf[i]);
      }
    }
    return open && equity <= needed;
  }

  /**
   * The liquidation price of one symbol's perp position under cross margin on the pool, the other
   * symbols' marks held (see the class description).
   *
   * @param symbol the symbol's index
   * @param marks the mark price of each symbol (the entry of {@code symbol} is not read)
   * @param mmf the maintenance-margin function of each symbol
   * @return the price, {@code 0} for a long that cannot be liquidated, or {@code NaN} when the
   *     symbol is flat or spot
   */
  public double liquidationPrice(int symbol, double[] marks, MaintenanceMargin[] mmf) {
    AccountBook b = books[symbol];
    if (!b.perpetual() || b.quantity() == 0) {
      return Double.NaN;
    }
    double margin = cash();
    for (int j = 0; j < books.length; j++) {
      AccountBook o = books[j];
      if (j != symbol && o.perpetual() && o.quantity() != 0) {
        margin += o.unrealisedPnl(marks[j]) - maintenance(j, marks[j], mmf[j]);
      }
    }
    return RiskMath.liquidationPrice(b.quantity(), b.averageEntry(), Math.max(0.0, margin), mmf[symbol]);
  }

  /**
   * One symbol's part of the equity: its cash flow plus, on spot, its holding at the mark, on a
   * perp, its unrealised P&amp;L ({@link AccountBook#equity} of its book). The parts and the
   * initial cash add up to {@link #equity}.
   *
   * @param symbol the symbol's index
   * @param mark its mark price
   * @return its contribution to the equity
   */
  public double equity(int symbol, double mark) {
    return books[symbol].equity(mark);
  }

  /**
   * @param symbol the symbol's index
   * @return its signed position quantity
   */
  public double quantity(int symbol) {
    return books[symbol].quantity();
  }

  /**
   * @param symbol the symbol's index
   * @return its average entry, {@code 0} when flat
   */
  public double averageEntry(int symbol) {
    return books[symbol].averageEntry();
  }

  /**
   * @param symbol the symbol's index
   * @return its position's cost (notional of the open part at the average entry)
   */
  public double cost(int symbol) {
    return books[symbol].cost();
  }

  /**
   * @param symbol the symbol's index
   * @return its spot cost or perp initial margin
   */
  public double marginInUse(int symbol) {
    return books[symbol].marginInUse();
  }

  /**
   * @param symbol the symbol's index
   * @param mark its mark price
   * @return its unrealised P&amp;L
   */
  public double unrealisedPnl(int symbol, double mark) {
    return books[symbol].unrealisedPnl(mark);
  }

  /**
   * @param symbol the symbol's index
   * @return the fills that built its open position
   */
  public int entries(int symbol) {
    return books[symbol].entries();
  }

  /**
   * @param symbol the symbol's index
   * @return its realised P&amp;L before fees and funding
   */
  public double realisedPnl(int symbol) {
    return books[symbol].realisedPnl();
  }

  /**
   * @param symbol the symbol's index
   * @return its fees paid
   */
  public double fees(int symbol) {
    return books[symbol].fees();
  }

  /**
   * @param symbol the symbol's index
   * @return its funding paid (negative: received)
   */
  public double funding(int symbol) {
    return books[symbol].funding();
  }

  /**
   * @param symbol the symbol's index
   * @return what its fills, fees and funding took from ({@code < 0}) or gave to the pool
   */
  public double cashFlow(int symbol) {
    return books[symbol].cash();
  }

  /**
   * @param symbol the symbol's index
   * @return whether it is margined
   */
  public boolean perpetual(int symbol) {
    return books[symbol].perpetual();
  }

  /**
   * @param symbol the symbol's index
   * @return its leverage (1 on spot)
   */
  public double leverage(int symbol) {
    return books[symbol].leverage();
  }

  /**
   * @param symbol the symbol's index
   * @return whether its last fill closed its position
   */
  public boolean lastFillClosed(int symbol) {
    return books[symbol].lastFillClosed();
  }
}
