package dev.nanpin.engine;

import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.RiskMath;

/**
 * The position and account of one instrument: the one definition of how a fill, a fee and a
 * funding payment change the position, its average entry, the realised P&amp;L and the cash,
 * used by the backtester, the paper exchange and the live engine.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A fill that adds to the position (or opens it) adds its quantity and its notional to the
 *       position's cost; the average entry is {@code cost / |quantity|}.</li>
 *   <li>A fill against the position closes {@code min(qty, |position|)} (all of it when the rest
 *       would be rounding noise, {@link #TOLERANCE} of the position) at the average entry and
 *       realises {@code closed * (price - entry) * direction}; the remaining cost is {@code
 *       entry * remaining}. A fill larger than the position flips it: the rest opens a new
 *       position at the fill price.</li>
 *   <li>Spot: buys pay {@code notional + fee} from the cash, sells receive {@code notional -
 *       fee}. Perps: the cash is the wallet; it pays fees and funding and receives realised
 *       P&amp;L; the position is margined at {@code cost / leverage}.</li>
 *   <li>Funding: a long pays {@code quantity * price * rate} (a short receives it when the rate
 *       is positive).</li>
 *   <li>Equity: spot {@code cash + quantity * mark}; perps {@code cash + quantity * (mark -
 *       entry)}. Liquidation (perps, cross margin on the wallet): {@link
 *       RiskMath#liquidationPrice(double, double, double, MaintenanceMargin)}; its fill and fee:
 *       {@link Liquidation}.</li>
 *   <li>Can the account take a fill ({@link #fillableQuantity}, {@link #fillRequirement},
 *       {@link #available}, {@link #covers}): a reduce-only order must reduce the position and is
 *       cut to it; a spot sell needs the base asset (a sell larger than the holding by less than
 *       {@link #TOLERANCE}, rounding noise, is cut to it, a larger one refused); a spot buy needs
 *       its notional plus fee in free cash, a perp fill the initial margin of the part that opens
 *       or adds ({@code quantity * price / leverage}) plus its fee in free margin, where free is
 *       what the resting orders of others have not reserved ({@link OrderSizing#requiredQuote}
 *       at placement) and the order's own reservation counts as free for its fill.</li>
 * </ul>
 *
 * <p>A mutable flyweight over primitives that its engine owns: nothing is allocated by any
 * method, so the simulator's hot loop can use it. Not thread-safe: one book per engine thread.
 */
public final class AccountBook {
  /** The relative tolerance of the affordability checks: rounding noise of a {@code double}, not money. */
  public static final double TOLERANCE = 1e-9;
  /** {@link #fillableQuantity}: a reduce-only order that would not reduce the position. */
  public static final double REFUSED_NOT_REDUCING = -1;
  /** {@link #fillableQuantity}: a spot sell with nothing to sell. */
  public static final double REFUSED_NOTHING_TO_SELL = -2;
  /** {@link #fillableQuantity}: a spot sell larger than the holding. */
  public static final double REFUSED_SELL_EXCEEDS = -3;

  private boolean perp;
  private double leverage = 1;
  private double cash;
  private double quantity;
  private double cost;
  private double averageEntry;
  private int entries;
  private double realisedPnl;
  private double fees;
  private double funding;
  private boolean lastClosed;
  private double lastRealised;

  /** A flat spot book with no cash; {@link #reset} configures it. */
  public AccountBook() {}

  /**
   * Starts over: flat, the given cash, no fees, funding or P&amp;L.
   *
   * @param perpetual whether the instrument is margined
   * @param leverage the leverage on perps, {@code >= 1} (ignored on spot)
   * @param initialCash the starting cash or wallet
   * @return this book
   */
  public AccountBook reset(boolean perpetual, double leverage, double initialCash) {
    if (perpetual && !(leverage >= 1)) {
      throw new IllegalArgumentException("leverage must be >= 1: " + leverage);
    }
    this.perp = perpetual;
    this.leverage = perpetual ? leverage : 1;
    this.cash = initialCash;
    this.quantity = 0;
    this.cost = 0;
    this.averageEntry = 0;
    this.entries = 0;
    this.realisedPnl = 0;
    this.fees = 0;
    this.funding = 0;
    this.lastClosed = false;
    this.lastRealised = 0;
    return this;
  }

  /**
   * Restores a position read back from durable state or a venue.
   *
   * @param signedQuantity the signed position quantity
   * @param entry the average entry price ({@code 0} when flat)
   * @param entryCount the number of fills that built the position
   */
  public void restorePosition(double signedQuantity, double entry, int entryCount) {
    quantity = signedQuantity;
    cost = signedQuantity == 0 ? 0 : Math.abs(signedQuantity) * entry;
    averageEntry = signedQuantity == 0 ? 0 : entry;
    entries = signedQuantity == 0 ? 0 : entryCount;
  }

  /**
   * Restores the funding paid so far, read back from durable state.
   *
   * @param paid the funding paid (negative: received)
   */
  public void restoreFunding(double paid) {
    funding = paid;
  }

  /**
   * Sets the cash (spot) or wallet (perps), e.g. from the venue's balance.
   *
   * @param value the cash
   */
  public void setCash(double value) {
    cash = value;
  }

  /**
   * Applies a fill.
   *
   * @param sign {@code +1} for a buy, {@code -1} for a sell
   * @param qty the filled base quantity, {@code > 0}
   * @param price the fill price
   * @param notional the fill's notional (normally {@code price * qty}; the simulator passes the
   *     exact quote of a quote-sized order)
   * @param fee the fee paid, quote units (negative for a rebate)
   * @return the P&amp;L realised by the closing part of the fill, before the fee ({@code 0} for
   *     a fill that only adds)
   */
  public double applyFill(int sign, double qty, double price, double notional, double fee) {
    if (!perp) {
      // Left-to-right, as the workload rules write it: cash - notional - fee, cash + notional - fee.
      cash = sign > 0 ? cash - notional - fee : cash + notional - fee;
    } else {
      cash -= fee;
    }
    fees += fee;
    lastClosed = false;
    lastRealised = 0;
    if (quantity == 0 || (quantity > 0) == (sign > 0)) {
      quantity += sign * qty;
      cost += notional;
      entries++;
    } else {
      reduce(sign, qty, price);
    }
    averageEntry = quantity == 0 ? 0.0 : cost / Math.abs(quantity);
    return lastRealised;
  }

  /**
   * The part of {@link #applyFill} for a fill against the position: closes up to the position at
   * the average entry, realising its P&amp;L, and opens the rest on the other side. Its own method,
   * so that {@code applyFill} stays small enough for the JIT to inline into an engine's fill path.
   */
  private void reduce(int sign, double qty, double price) {
    double size = Math.abs(quantity);
    double avg = cost / size;
    double closeQty = Math.min(qty, size);
    if (size - closeQty <= TOLERANCE * size) {
      // A close within a billionth of the position is the whole position: fills on the step grid
      // add up with a double's noise (0.00206 + 0.00282 + 0.00386 + 0.00527 is 0.014010000000000002),
      // and a sell of 0.01401 leaves a venue's exact position flat, so it leaves this book flat too.
      closeQty = size;
    }
    double pnl = closeQty * (price - avg) * (quantity > 0 ? 1 : -1);
    realisedPnl += pnl;
    lastRealised = pnl;
    if (perp) {
      cash += pnl;
    }
    if (closeQty >= size) {
      quantity = 0;
      cost = 0;
      entries = 0;
      lastClosed = true;
      double rest = qty - closeQty;
      if (rest > size * TOLERANCE) { // a flip, not the noise of a close
        quantity = sign * rest;
        cost = rest * price;
        entries = 1;
      }
    } else {
      quantity += sign * closeQty;
      cost -= avg * closeQty;
    }
  }

  /**
   * The funding payment of a position: what a holder of {@code signedQuantity} pays at {@code
   * price} and {@code rate} (negative: receives).
   *
   * @param signedQuantity the signed position
   * @param price the mark price the funding is computed at
   * @param rate the funding rate of the interval, a fraction
   * @return the payment, quote units
   */
  public static double fundingPayment(double signedQuantity, double price, double rate) {
    return signedQuantity * price * rate;
  }

  /**
   * Pays the funding of the open position at {@code price} and {@code rate} out of the wallet.
   *
   * @param price the mark price
   * @param rate the funding rate of the interval
   * @return the amount paid (negative: received); {@code 0} when flat or the rate is 0
   */
  public double payFunding(double price, double rate) {
    if (rate == 0 || quantity == 0) {
      return 0;
    }
    double pay = fundingPayment(quantity, price, rate);
    cash -= pay;
    funding += pay;
    return pay;
  }

  /**
   * The liquidation price of the open position under cross margin on the wallet.
   *
   * @param mmf the maintenance-margin function
   * @return the price, or {@code NaN} when flat or on spot
   */
  public double liquidationPrice(MaintenanceMargin mmf) {
    if (!perp || quantity == 0) {
      return Double.NaN;
    }
    return RiskMath.liquidationPrice(quantity, averageEntry, Math.max(0.0, cash), mmf);
  }

  /**
   * The equity at {@code mark}.
   *
   * @param mark the mark price
   * @return spot {@code cash + quantity * mark}; perps {@code cash + quantity * (mark - entry)}
   */
  public double equity(double mark) {
    if (perp) {
      return quantity == 0 ? cash : cash + quantity * (mark - averageEntry);
    }
    return cash + quantity * mark;
  }

  /**
   * The free cash (spot) or free margin (perps) at {@code mark}, never negative.
   *
   * @param mark the mark price
   * @param reserved the quote reserved by resting orders
   * @return the free amount
   */
  public double freeMargin(double mark, double reserved) {
    if (!perp) {
      return Math.max(0.0, cash - reserved);
    }
    return Math.max(0.0, equity(mark) - cost / leverage - reserved);
  }

  /**
   * What a strategy may spend now ({@link dev.nanpin.AccountView#cash()}): spot the cash less what
   * resting orders reserved (negative when reservations exceed it), perps the free margin.
   *
   * @param mark the mark price
   * @param reserved the quote reserved by resting orders ({@link OrderSizing#requiredQuote} at placement)
   * @return the spendable quote
   */
  public double spendable(double mark, double reserved) {
    return perp ? freeMargin(mark, reserved) : cash - reserved;
  }

  /**
   * The quote capital tied up ({@link dev.nanpin.AccountView#capitalInUse()}): the position's
   * {@link #marginInUse()} (its cost on spot, its initial margin on perps) plus what resting orders
   * reserved.
   *
   * @param reserved the quote reserved by resting orders
   * @return the capital in use
   */
  public double capitalInUse(double reserved) {
    return marginInUse() + reserved;
  }

  /**
   * The quantity of a fill the position allows: a reduce-only order is cut to the position, a
   * spot sell to the holding when it exceeds it by rounding noise only ({@link #TOLERANCE}).
   *
   * @param sign {@code +1} for a buy, {@code -1} for a sell
   * @param qty the quantity the order would fill, {@code > 0}
   * @param reduceOnly whether the order may only reduce the position
   * @return {@code qty}, or the position's size when cut to it; or a negative refusal: {@link
   *     #REFUSED_NOT_REDUCING}, {@link #REFUSED_NOTHING_TO_SELL}, {@link #REFUSED_SELL_EXCEEDS}
   */
  public double fillableQuantity(int sign, double qty, boolean reduceOnly) {
    double q = qty;
    if (reduceOnly) {
      if (quantity == 0 || (quantity > 0) == (sign > 0)) {
        return REFUSED_NOT_REDUCING;
      }
      if (q > Math.abs(quantity)) {
        q = Math.abs(quantity);
      }
    }
    if (!perp && sign < 0) {
      if (quantity <= 0) {
        return REFUSED_NOTHING_TO_SELL;
      }
      if (q > quantity) {
        if (q > quantity * (1 + TOLERANCE)) {
          return REFUSED_SELL_EXCEEDS;
        }
        q = quantity;
      }
    }
    return q;
  }

  /**
   * The free quote a fill needs: a spot buy its notional plus fee; a perp fill the initial margin
   * of the part that opens or adds to the position plus its fee; nothing for a spot sell (it needs
   * the base asset: {@link #fillableQuantity}) or a perp fill that only reduces.
   *
   * @param sign {@code +1} for a buy, {@code -1} for a sell
   * @param qty the fill's quantity (after {@link #fillableQuantity})
   * @param price the fill price
   * @param notional the fill's notional
   * @param fee the fill's fee
   * @return the quote needed, {@code 0} when the fill needs none
   */
  public double fillRequirement(int sign, double qty, double price, double notional, double fee) {
    if (!perp) {
      return sign > 0 ? notional + fee : 0;
    }
    boolean reducing = quantity != 0 && (quantity > 0) != (sign > 0);
    double opening = reducing ? Math.max(0, qty - Math.abs(quantity)) : qty;
    return opening > 0 ? opening * price / leverage + fee : 0;
  }

  /**
   * What is free for a fill or a new order: spot the cash, perps the free margin at {@code mark},
   * less what resting orders reserved, plus the reservation of the order being filled (its own).
   *
   * @param mark the mark price
   * @param reserved the quote reserved by all resting orders
   * @param own the part of {@code reserved} that is the filling order's own ({@code 0} for a new
   *     order)
   * @return the free quote (may be negative on spot when reservations exceed the cash)
   */
  public double available(double mark, double reserved, double own) {
    return perp ? freeMargin(mark, reserved) + own : cash - reserved + own;
  }

  /**
   * The submit-time rule of every engine (backtest, paper and live): an order that opens or adds
   * to the position and would rest must be covered by what is free for it now, or it is refused
   * before it is recorded or sent (the strategy gets order id {@code -1}). What it needs is its
   * {@link OrderSizing#requiredQuote}; what is free is the account's free cash (spot) or free
   * margin (perps) less what orders already reserve, in a portfolio the shared pool's. An order
   * that reduces the position, and a market order (checked when it fills, as a venue fills it at
   * once), are not checked here.
   *
   * @param need the quote the order needs ({@link OrderSizing#requiredQuote})
   * @param available the quote free for it
   * @param perp whether the account is margined (names margin or cash in the reason)
   * @return {@code null} when the order may rest, else the refusal's reason
   */
  public static String restRefusal(double need, double available, boolean perp) {
    return covers(need, available) ? null : notEnough(true, perp, need, available);
  }

  /**
   * Why a fill, or an order that would rest, does not fit the free cash or margin: the one text
   * every engine gives the strategy.
   *
   * @param resting whether the order was to rest (else it was filling)
   * @param perp whether the account is margined
   * @param need the quote it needs
   * @param available the quote free for it
   * @return the reason
   */
  public static String notEnough(boolean resting, boolean perp, double need, double available) {
    return "not enough %s%s: need %.8f, free %.8f".formatted(perp ? "margin" : "cash", resting ? " to rest the order" : "",
        need, available);
  }

  /**
   * Whether what is free covers a requirement, within {@link #TOLERANCE}.
   *
   * @param need the quote needed ({@code <= 0}: nothing needed)
   * @param available the quote free
   * @return whether the fill or order may go on
   */
  public static boolean covers(double need, double available) {
    return need <= 0 || !(need > available + TOLERANCE * Math.max(1.0, available));
  }

  /**
   * The margin (perps) or cost (spot) of the open position.
   *
   * @return {@code cost / leverage} on perps, {@code cost} on spot
   */
  public double marginInUse() {
    return perp ? cost / leverage : cost;
  }

  /**
   * The unrealised P&amp;L at {@code mark}.
   *
   * @param mark the mark price
   * @return {@code quantity * (mark - entry)}, {@code 0} when flat
   */
  public double unrealisedPnl(double mark) {
    return quantity == 0 ? 0.0 : quantity * (mark - averageEntry);
  }

  /** @return whether the book is margined (a perpetual) */
  public boolean perpetual() {
    return perp;
  }

  /** @return the leverage (1 on spot) */
  public double leverage() {
    return leverage;
  }

  /** @return the cash (spot) or wallet (perps) */
  public double cash() {
    return cash;
  }

  /** @return the signed position quantity */
  public double quantity() {
    return quantity;
  }

  /** @return the position's cost: the notional of its open part at the average entry */
  public double cost() {
    return cost;
  }

  /** @return the average entry price, {@code 0} when flat */
  public double averageEntry() {
    return averageEntry;
  }

  /** @return the number of fills that built the open position, {@code 0} when flat */
  public int entries() {
    return entries;
  }

  /** @return the P&amp;L realised so far, before fees and funding */
  public double realisedPnl() {
    return realisedPnl;
  }

  /** @return the fees paid so far */
  public double fees() {
    return fees;
  }

  /** @return the funding paid so far (negative: received) */
  public double funding() {
    return funding;
  }

  /** @return whether the last fill closed the position (to flat, or flipped it) */
  public boolean lastFillClosed() {
    return lastClosed;
  }

  /** @return the P&amp;L the last fill realised */
  public double lastRealised() {
    return lastRealised;
  }
}
