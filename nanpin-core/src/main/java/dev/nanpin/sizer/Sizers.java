package dev.nanpin.sizer;

import static dev.nanpin.internal.Checks.positive;

import dev.nanpin.Sizer;
import dev.nanpin.internal.SizerLimits;

/**
 * Factories of the simple built-in sizers. Every built-in sizer answers a quote size per unit of
 * the intent ({@link dev.nanpin.Sizing#SIZER} multiplies it), never negative, and never more
 * than the free margin allows: the order's notional {@code N} keeps {@code N / leverage + N *
 * fee <= freeMargin}, with the larger of the maker and taker fee. Reduce-only intents are not
 * capped.
 *
 * <p>The sizers made here keep no state and are thread-safe.
 */
public final class Sizers {
  private Sizers() {}

  /**
   * A fixed quote amount per unit (the {@code fixed-quote} plugin).
   *
   * @param quote the quote amount, {@code > 0}
   * @param leverage the notional allowed per unit of free margin, {@code >= 1} ({@code 1} on spot)
   * @return the sizer
   */
  public static Sizer fixedQuote(double quote, double leverage) {
    positive(quote, "quote");
    checkLeverage(leverage);
    return (intent, price, account, timeMillis) -> SizerLimits.cap(quote, intent, account, leverage);
  }

  /**
   * A fraction of equity per unit, as margin, times the leverage (the {@code percent-equity}
   * plugin): {@code fraction * equity * leverage} of notional.
   *
   * @param fraction the fraction of equity, {@code 0 < fraction <= 1}
   * @param leverage the leverage applied to that margin, {@code >= 1} ({@code 1} on spot)
   * @return the sizer
   */
  public static Sizer percentEquity(double fraction, double leverage) {
    checkFraction(fraction, "fraction");
    checkLeverage(leverage);
    return (intent, price, account, timeMillis) ->
        SizerLimits.cap(fraction * Math.max(0, account.equity()) * leverage, intent, account, leverage);
  }

  static void checkLeverage(double leverage) {
    if (!(leverage >= 1) || Double.isInfinite(leverage)) {
      throw new IllegalArgumentException("leverage must be >= 1 and finite: " + leverage);
    }
  }

  static void checkFraction(double fraction, String name) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1]: " + fraction);
    }
  }
}
