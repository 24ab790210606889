package dev.nanpin.data;

import dev.nanpin.ExchangeException;

/**
 * The source refused because the key's plan does not include the endpoint, the interval or the
 * time range (CoinGecko 10005 and 10012, CoinMarketCap 1006, CoinGlass "Upgrade plan"). Retrying
 * does not help; a different plan or a narrower query does.
 */
public class PlanRestrictedException extends ExchangeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param source the data source id
   * @param code the source's own error code, or {@code null}
   * @param message what was refused and what to do
   */
  public PlanRestrictedException(String source, String code, String message) {
    super(source, code, message, null);
  }
}
