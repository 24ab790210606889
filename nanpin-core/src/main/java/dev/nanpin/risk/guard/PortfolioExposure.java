package dev.nanpin.risk.guard;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The account an order is checked against when several symbols share it.
 *
 * @param equity the portfolio's equity in quote units (may be zero or negative after losses)
 * @param collateral the collateral counted as margin, {@code >= 0}
 * @param symbols every symbol of the account, each once (the order's symbol among them)
 */
public record PortfolioExposure(BigDecimal equity, BigDecimal collateral, List<SymbolExposure> symbols) {

  /** Validates and copies the list. */
  public PortfolioExposure {
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(collateral, "collateral");
    if (collateral.signum() < 0) {
      throw new IllegalArgumentException("collateral must be >= 0: " + collateral.toPlainString());
    }
    symbols = List.copyOf(symbols);
    Map<String, SymbolExposure> seen = new LinkedHashMap<>();
    for (SymbolExposure s : symbols) {
      if (seen.put(s.symbol(), s) != null) {
        throw new IllegalArgumentException("symbol listed twice: " + s.symbol());
      }
    }
  }

  /**
   * @param symbol a symbol of the account
   * @return its exposure
   * @throws IllegalArgumentException if the account has no such symbol
   */
  public SymbolExposure symbol(String symbol) {
    for (SymbolExposure s : symbols) {
      if (s.symbol().equals(symbol)) {
        return s;
      }
    }
    throw new IllegalArgumentException("the portfolio has no symbol " + symbol);
  }

  /**
   * The single-symbol view the per-symbol {@link RiskGuard} checks: the portfolio's equity and
   * collateral with that symbol's position.
   *
   * @param symbol a symbol of the account
   * @return the exposure
   */
  public Exposure exposure(String symbol) {
    SymbolExposure s = symbol(symbol);
    return new Exposure(equity, collateral, s.markPrice(), s.positionQuantity(), s.entryPrice(),
        s.openOrderNotional());
  }
}
