package dev.nanpin.sim.internal;

import dev.nanpin.Instrument;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderType;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.FillRules;
import dev.nanpin.engine.Rounding;
import java.math.BigDecimal;

/**
 * An order of the simulators (the single-symbol engine and each symbol of a portfolio backtest):
 * what the intent asked, what sizing and the venue's grid made of it, and the simulator's rules on
 * one order that both engines share, so that they are written once: how an intent becomes an
 * order, the market fill price, rounding the quantity to the step, the notional of a fill, the
 * answers a sizer may give, and the reasons a fill or a resting order is refused. The rules on the
 * position and the account are the kernel's ({@code dev.nanpin.engine}).
 *
 * <p>Mutable, with public fields for the engines that own and pool their orders; not part of the
 * library's API (an internal package). Not thread-safe.
 */
public final class SimOrder {
  /** The order id the strategy was given; {@code -1} for a liquidation. */
  public int id;
  /**
   * The intent submitted; {@code null} once released, for a liquidation, or for an order submitted
   * by its fields (then {@link #intent()} builds one when a sizer asks).
   */
  public OrderIntent intent;
  /** Market or limit, as submitted. */
  public OrderType type;
  /** Whether the order may only add liquidity. */
  public boolean postOnly;
  /** The limit price as submitted ({@link #limit} may be moved to the tick). */
  private double submittedLimit;
  /** The reduce-only flag as submitted ({@link #reduceOnly} also holds for position fractions). */
  private boolean submittedReduceOnly;
  /** {@code +1} buy, {@code -1} sell. */
  public int sign;
  /** How the amount is meant. */
  public Sizing sizing;
  /** The intent's amount. */
  public double amount;
  /** The limit price (on the tick once placed with rounding on). */
  public double limit;
  /** Whether the order may only reduce the position. */
  public boolean reduceOnly;
  /** Whether the limit was marketable when placed (it pays the taker fee). */
  public boolean taker;
  /** The intent's tag. */
  public int tag;
  /** The base quantity. */
  public double qty;
  /** The exact quote of a quote-sized order, {@code 0} when it pays for its quantity. */
  public double quote;
  /** The quote this resting order reserves. */
  public double reserved;
  /** With rounding on, a market order's quantity sized at submission ({@code -1}: refused); else {@code NaN}. */
  public double presized;
  /** The bar during whose open phase the order was placed, {@code -1} if placed outside one. */
  public int placedBar;

  /**
   * Makes this the order of {@code intent}: a position-fraction order only reduces; nothing is
   * sized, reserved or rounded yet.
   *
   * @param orderId the id
   * @param orderIntent the intent, not {@code null}
   * @param bar the bar whose open phase is running, or {@code -1}
   * @return this order
   */
  public SimOrder init(int orderId, OrderIntent orderIntent, int bar) {
    init(orderId, orderIntent.side(), orderIntent.type(), orderIntent.sizing(), orderIntent.amount(),
        orderIntent.limitPrice(), orderIntent.reduceOnly(), orderIntent.postOnly(), orderIntent.tag(), bar);
    intent = orderIntent;
    return this;
  }

  /**
   * Makes this the order of an intent's fields, already validated ({@link OrderIntent#validate}),
   * without the intent: as {@link #init(int, OrderIntent, int)}.
   *
   * @param orderId the id
   * @param side buy or sell
   * @param orderType market or limit
   * @param orderSizing how {@code orderAmount} is read
   * @param orderAmount the size
   * @param limitPrice the limit price, {@code NaN} for a market order
   * @param reduce the intent's reduce-only flag
   * @param post the intent's post-only flag
   * @param orderTag the tag
   * @param bar the bar whose open phase is running, or {@code -1}
   * @return this order
   */
  public SimOrder init(int orderId, Side side, OrderType orderType, Sizing orderSizing, double orderAmount,
      double limitPrice, boolean reduce, boolean post, int orderTag, int bar) {
    id = orderId;
    intent = null;
    type = orderType;
    postOnly = post;
    submittedLimit = limitPrice;
    submittedReduceOnly = reduce;
    sign = side.sign();
    sizing = orderSizing;
    amount = orderAmount;
    limit = limitPrice;
    reduceOnly = reduce || orderSizing == Sizing.POSITION_FRACTION;
    tag = orderTag;
    qty = 0;
    quote = 0;
    reserved = 0;
    taker = false;
    presized = Double.NaN;
    placedBar = bar;
    return this;
  }

  /**
   * The intent a sizer is handed: the one submitted, or for an order submitted by its fields a new
   * intent with them (built per call, so that a sizer that lets go of it, as the fixed-quote one
   * does, leaves nothing behind once the compiler sees that).
   *
   * @return the intent, equal to the one the order's fields make
   */
  public OrderIntent intent() {
    return intent != null ? intent
        : new OrderIntent(sign > 0 ? Side.BUY : Side.SELL, type, sizing, amount, submittedLimit, submittedReduceOnly,
            postOnly, tag);
  }

  /**
   * Makes this the closing order of a liquidation: reduce-only, id and tag {@code -1}.
   *
   * @param closingSign {@code -1} to close a long, {@code +1} to close a short
   * @return this order
   */
  public SimOrder liquidation(int closingSign) {
    id = -1;
    tag = -1;
    intent = null;
    sign = closingSign;
    reduceOnly = true;
    quote = 0;
    reserved = 0;
    placedBar = -1;
    return this;
  }

  /**
   * The notional of a limit fill at {@code price}: a quote-sized order filled at its own limit
   * spends exactly its quote; any other fill is quantity times price.
   *
   * @param price the fill price
   * @return the notional
   */
  public double limitNotional(double price) {
    return quote > 0 && price == limit ? quote : qty * price;
  }

  /**
   * Sets the quantity: {@code quantity} itself, or with {@code round} on it rounded down to the
   * instrument's step (the order then pays for what it buys, not its quote), refused below the
   * minimum. Per order, out of the bar loop: rounding allocates.
   *
   * @param quantity the sized quantity
   * @param round whether orders are rounded to the instrument's grid
   * @param instrument the instrument
   * @param symbol the symbol's name in messages
   * @return {@code null} when the quantity is set, else why the order is refused
   */
  public String setQuantity(double quantity, boolean round, Instrument instrument, String symbol) {
    if (round) {
      BigDecimal grid = Rounding.quantity(instrument, quantity);
      if (!instrument.isTradable(grid)) {
        return "quantity %s rounds to %s, below the minimum %s of %s".formatted(quantity, grid.toPlainString(),
            instrument.minQuantity().toPlainString(), symbol);
      }
      qty = grid.doubleValue();
      quote = 0;
    } else {
      qty = quantity;
    }
    return null;
  }

  /**
   * The price a market order fills at: the reference moved against the order by the slippage,
   * then, with rounding on, onto the tick against the order.
   *
   * @param instrument the instrument
   * @param round whether prices are rounded to the tick
   * @param sign the order's sign
   * @param reference the price it fills against (the open or the close)
   * @param slippage the slippage rate
   * @return the fill price
   */
  public static double marketPrice(Instrument instrument, boolean round, int sign, double reference, double slippage) {
    double price = FillRules.marketFill(sign, reference, slippage);
    return round ? Rounding.marketPrice(instrument, sign, price).doubleValue() : price;
  }

  /**
   * A limit price on the tick, away from the market.
   *
   * @param instrument the instrument
   * @param sign the order's sign
   * @param limit the asked limit
   * @return the limit on the tick, {@code 0} when it rounds to no price
   */
  public static double gridLimit(Instrument instrument, int sign, double limit) {
    try {
      return Rounding.limitPrice(instrument, sign, limit).doubleValue();
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  /**
   * Why a sizer's answer refuses an order: a quote size must be {@code >= 0} and finite, and an
   * answer that scales the order to zero refuses it.
   *
   * @param orderAmount the order's amount (a multiplier of the answer)
   * @param unit the sizer's answer
   * @return the reason, or {@code null} when the answer sizes the order
   */
  public static String sizerRefusal(double orderAmount, double unit) {
    if (!(unit >= 0) || Double.isInfinite(unit)) {
      return "the sizer answered " + unit + "; a quote size must be >= 0 and finite";
    }
    return orderAmount * unit == 0 ? "the sizer answered 0: order refused" : null;
  }

  /**
   * Why the kernel's {@code fillableQuantity} refused a fill.
   *
   * @param refusal its negative answer ({@code AccountBook.REFUSED_*})
   * @param quantity the quantity asked
   * @param position the position
   * @return the reason
   */
  public static String fillRefusal(double refusal, double quantity, double position) {
    return refusal == AccountBook.REFUSED_NOT_REDUCING ? "reduce-only order would not reduce the position"
        : refusal == AccountBook.REFUSED_NOTHING_TO_SELL ? "spot account holds nothing to sell"
        : "spot sell of %s exceeds the position %s".formatted(quantity, position);
  }

  /**
   * Why a fill, or an order that would rest, does not fit the free cash or margin.
   *
   * @param resting whether the order was to rest (else it was filling)
   * @param perp whether the account is margined
   * @param need the quote it needs
   * @param available the quote free for it
   * @return the reason
   */
  public static String notEnough(boolean resting, boolean perp, double need, double available) {
    return dev.nanpin.engine.AccountBook.notEnough(resting, perp, need, available);
  }

  /**
   * The return of a closed round trip: its P&amp;L over the most capital it had in use (its
   * peak cost, or that cost over the leverage on a perp).
   *
   * @param pnl the round trip's P&amp;L
   * @param peakCost its largest position cost
   * @param perp whether the account is margined
   * @param leverage the leverage
   * @return the return, {@code 0} without capital
   */
  public static double tradeReturn(double pnl, double peakCost, boolean perp, double leverage) {
    double base = perp ? peakCost / leverage : peakCost;
    return base > 0 ? pnl / base : 0.0;
  }
}
