package dev.nanpin.engine;

import dev.nanpin.AccountView;
import java.util.Objects;

/**
 * The account a strategy and its sizers see ({@link AccountView}) over the kernel's {@link
 * AccountBook}: the one definition of the account figures for every engine that keeps its
 * position in an {@code AccountBook}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Position, average entry and entry count: the book's.</li>
 *   <li>{@link #cash()}: {@link AccountBook#spendable} (spot: the cash less what resting orders
 *       reserved; perps: the free margin).</li>
 *   <li>{@link #freeMargin()}: {@link AccountBook#freeMargin}, {@link #equity()}: {@link
 *       AccountBook#equity} at the mark, {@link #collateral()}: the equity.</li>
 *   <li>{@link #capitalInUse()}: {@link AccountBook#capitalInUse}: the position's margin (its cost
 *       on spot) plus what resting orders reserved.</li>
 * </ul>
 * What resting orders reserve is {@link OrderSizing#requiredQuote} of each at placement, summed by
 * the owning engine and read through {@link Market#reservedQuote()}.
 *
 * <p>An engine whose money is held by a venue (the live engine) builds the view with {@link
 * #overVenue}: equity, free margin, collateral and the spot quote balance are then the venue's
 * own figures ({@link VenueAccount}), which already net out what its resting orders lock; the
 * position figures and the capital in use stay the book's rules.
 *
 * <p>The view allocates nothing per read. Not thread-safe: read it on the thread of the engine
 * that owns the book, inside a callback, as {@link AccountView} says.
 */
public final class BookAccountView implements AccountView {
  /** What the engine owning the view knows at the moment of a read. Called on the engine's thread. */
  public interface Market {
    /**
     * The mark price the figures are computed at.
     *
     * @return the last price, {@code > 0} once one is known
     */
    double mark();

    /**
     * What the engine's resting orders reserve.
     *
     * @return the sum of {@link OrderSizing#requiredQuote} of the resting orders that open or add
     *     to the position, {@code >= 0}
     */
    double reservedQuote();
  }

  /**
   * The account figures a venue reports, for an engine whose cash and margin are the venue's.
   * Each is {@code 0} while the venue has not answered yet.
   */
  public interface VenueAccount {
    /** @return the venue's equity, quote units */
    double equity();

    /** @return the venue's free margin (or free cash), quote units */
    double freeMargin();

    /** @return the venue's collateral counted as margin, quote units */
    double collateral();

    /** @return the available balance of the quote asset (spot), net of what resting orders lock */
    double freeQuote();
  }

  private final AccountBook book;
  private final Market market;
  private final VenueAccount venue;
  private final double makerFee;
  private final double takerFee;

  private BookAccountView(AccountBook book, Market market, VenueAccount venue, double makerFee, double takerFee) {
    this.book = Objects.requireNonNull(book, "book");
    this.market = Objects.requireNonNull(market, "market");
    this.venue = venue;
    this.makerFee = makerFee;
    this.takerFee = takerFee;
  }

  /**
   * A view whose money is the book's own (the backtester, the test harness).
   *
   * @param book the book; read, never changed
   * @param market the mark and the reserved quote
   * @param makerFeeRate the maker fee rate, a fraction
   * @param takerFeeRate the taker fee rate, a fraction
   * @return the view
   */
  public static BookAccountView overBook(AccountBook book, Market market, double makerFeeRate, double takerFeeRate) {
    return new BookAccountView(book, market, null, makerFeeRate, takerFeeRate);
  }

  /**
   * A view whose money is the venue's (the live engine): equity, free margin, collateral and the
   * spot quote balance from {@code venue}, the position and the capital in use from the book.
   *
   * @param book the position book; read, never changed
   * @param market the mark and the reserved quote
   * @param venue the venue's account figures
   * @param makerFeeRate the maker fee rate, a fraction
   * @param takerFeeRate the taker fee rate, a fraction
   * @return the view
   */
  public static BookAccountView overVenue(AccountBook book, Market market, VenueAccount venue, double makerFeeRate,
      double takerFeeRate) {
    return new BookAccountView(book, market, Objects.requireNonNull(venue, "venue"), makerFeeRate, takerFeeRate);
  }

  @Override
  public double equity() {
    return venue != null ? venue.equity() : book.equity(market.mark());
  }

  @Override
  public double cash() {
    if (venue != null) {
      return book.perpetual() ? venue.freeMargin() : venue.freeQuote();
    }
    return book.spendable(market.mark(), market.reservedQuote());
  }

  @Override
  public double freeMargin() {
    return venue != null ? venue.freeMargin() : book.freeMargin(market.mark(), market.reservedQuote());
  }

  @Override
  public double collateral() {
    return venue != null ? venue.collateral() : equity();
  }

  @Override
  public double capitalInUse() {
    return book.capitalInUse(market.reservedQuote());
  }

  @Override
  public double positionQuantity() {
    return book.quantity();
  }

  @Override
  public double averageEntryPrice() {
    return book.averageEntry();
  }

  @Override
  public int entryCount() {
    return book.entries();
  }

  @Override
  public double makerFeeRate() {
    return makerFee;
  }

  @Override
  public double takerFeeRate() {
    return takerFee;
  }
}
