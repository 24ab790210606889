package dev.nanpin.engine;

import dev.nanpin.AccountView;

/**
 * The account a strategy and its sizers see ({@link AccountView}) over the kernel's {@link
 * AccountBook}: the one definition of the account figures for every engine that keeps its
 * position in an {@code AccountBook}. The backtester's engine, the live engine's strategy context
 * and the test {@code StrategyHarness} extend it and supply the book, the mark and what their
 * resting orders reserve.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Position, average entry and entry count: the book's.</li>
 *   <li>{@link #cash()}: {@link AccountBook#spendable} (spot: the cash less what resting orders
 *       reserved; perps: the free margin).</li>
 *   <li>{@link #freeMargin()}: {@link AccountBook#freeMargin}; {@link #equity()}: {@link
 *       AccountBook#equity} at the mark; {@link #collateral()}: the equity.</li>
 *   <li>{@link #capitalInUse()}: {@link AccountBook#capitalInUse}: the position's margin (its cost
 *       on spot) plus what resting orders reserved.</li>
 * </ul>
 * What resting orders reserve is {@link OrderSizing#requiredQuote} of each, summed by the engine
 * ({@link #reservedQuote()}).
 *
 * <p>An engine whose money is held by a venue (the live engine) returns the venue's figures from
 * {@link #venue()}: equity, free margin, collateral and the spot quote balance are then the venue's
 * own (which already net out what its resting orders lock); the position figures and the capital
 * in use stay the book's rules.
 *
 * <p>A base class rather than a wrapper, so that the simulator's engine stays the one receiver of
 * every call its strategy makes (no object between the strategy and the hot loop's fields).
 * Nothing is allocated per read. Not thread-safe: read it on the thread of the engine that owns
 * the book, inside a callback, as {@link AccountView} says.
 */
public abstract class BookAccountView implements AccountView {
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

  /** For subclasses. */
  protected BookAccountView() {}

  /**
   * The book the figures are read from; read, never changed by this class.
   *
   * @return the engine's book
   */
  protected abstract AccountBook book();

  /**
   * The mark price the figures are computed at.
   *
   * @return the last price, {@code > 0} once one is known
   */
  protected abstract double mark();

  /**
   * What the engine's resting orders reserve.
   *
   * @return the sum of {@link OrderSizing#requiredQuote} of the resting orders that open or add to
   *     the position, {@code >= 0}
   */
  protected abstract double reservedQuote();

  /**
   * The venue's account figures, for an engine whose money is the venue's.
   *
   * @return the figures, or {@code null} (the default) when the money is the book's
   */
  protected VenueAccount venue() {
    return null;
  }

  @Override
  public final double equity() {
    VenueAccount v = venue();
    return v != null ? v.equity() : book().equity(mark());
  }

  @Override
  public final double cash() {
    VenueAccount v = venue();
    if (v != null) {
      return book().perpetual() ? v.freeMargin() : v.freeQuote();
    }
    return book().spendable(mark(), reservedQuote());
  }

  @Override
  public final double freeMargin() {
    VenueAccount v = venue();
    return v != null ? v.freeMargin() : book().freeMargin(mark(), reservedQuote());
  }

  @Override
  public final double collateral() {
    VenueAccount v = venue();
    return v != null ? v.collateral() : equity();
  }

  @Override
  public final double capitalInUse() {
    return book().capitalInUse(reservedQuote());
  }

  @Override
  public final double positionQuantity() {
    return book().quantity();
  }

  @Override
  public final double averageEntryPrice() {
    return book().averageEntry();
  }

  @Override
  public final int entryCount() {
    return book().entries();
  }
}
