package dev.nanpin.live.paper;

import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.PortfolioBook;
import dev.nanpin.risk.MaintenanceMargin;
import java.util.List;

/**
 * The one pool of quote cash (spot) or cross-margin collateral (perps) the markets of a {@link
 * PaperPortfolio} share: the kernel's {@link PortfolioBook} over the markets' own books, which
 * each market keeps from its fills exactly as a single-market paper exchange does (starting with
 * no cash, so each book's cash is that market's cash flow). Every member market locks {@link
 * #lock}, so the pool is read and changed one event at a time.
 */
final class PaperPool {
  /** The lock of every member market and of the pool. */
  final Object lock = new Object();
  private final double initialCash;
  private PaperExchange[] members;
  private PortfolioBook book;
  private double[] marks;
  private MaintenanceMargin[] mmf;

  PaperPool(double initialCash) {
    this.initialCash = initialCash;
  }

  /** Sets the members, in the portfolio's order; once, before any event. */
  void members(List<PaperExchange> markets) {
    members = markets.toArray(PaperExchange[]::new);
    AccountBook[] books = new AccountBook[members.length];
    mmf = new MaintenanceMargin[members.length];
    for (int i = 0; i < members.length; i++) {
      books[i] = members[i].market().book;
      mmf[i] = members[i].market().mmf;
    }
    book = PortfolioBook.over(books, initialCash);
    marks = new double[members.length];
  }

  /** @return the kernel's portfolio with every member's marks refreshed; caller holds the lock */
  PortfolioBook book() {
    for (int i = 0; i < members.length; i++) {
      marks[i] = members[i].market().markOrEntry();
    }
    return book;
  }

  /** @return the marks {@link #book()} refreshed */
  double[] marks() {
    return marks;
  }

  /** @return the quote every member's resting orders reserved; caller holds the lock */
  double reserved() {
    double sum = 0;
    for (PaperExchange m : members) {
      sum += m.market().reserved;
    }
    return sum;
  }

  /** What the pool has free for a fill or an order of member {@code i} ({@link PortfolioBook#available}). */
  double available(int i, double own) {
    PortfolioBook b = book();
    return b.available(i, marks, reserved(), own);
  }

  /** The liquidation price of member {@code i}, the others' marks held ({@link PortfolioBook#liquidationPrice}). */
  double liquidationPrice(int i) {
    PortfolioBook b = book();
    return b.liquidationPrice(i, marks, mmf);
  }
}
