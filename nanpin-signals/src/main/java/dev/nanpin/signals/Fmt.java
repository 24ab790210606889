package dev.nanpin.signals;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats prices in the text fields of signals: 8 significant digits, plain notation. */
final class Fmt {
  private Fmt() {}

  static String price(double p) {
    if (!Double.isFinite(p)) {
      return "";
    }
    return new BigDecimal(p).round(new MathContext(8)).stripTrailingZeros().toPlainString();
  }
}
