package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/**
 * A Polymarket market with its outcomes decoded from Gamma's JSON-in-a-string fields.
 * {@code outcomes.get(i)} pairs with {@code outcomePrices.get(i)} and {@code clobTokenIds.get(i)}.
 *
 * @param id the Gamma id
 * @param conditionId the condition id
 * @param slug the slug
 * @param question the question
 * @param outcomes the outcome names, e.g. {@code Yes, No}
 * @param outcomePrices the outcome prices, each in [0, 1]
 * @param clobTokenIds the CLOB token ids, one per outcome
 * @param active whether the market is active
 * @param closed whether the market is closed (resolved when a price is 1)
 */
public record PredictionMarket(String id, String conditionId, String slug, String question, List<String> outcomes,
    List<BigDecimal> outcomePrices, List<String> clobTokenIds, boolean active, boolean closed) {
  /** Validates and copies. */
  public PredictionMarket {
    requireNonNull(id, "id");
    requireNonNull(slug, "slug");
    requireNonNull(question, "question");
    conditionId = conditionId == null ? "" : conditionId;
    outcomes = List.copyOf(outcomes);
    outcomePrices = List.copyOf(outcomePrices);
    clobTokenIds = List.copyOf(clobTokenIds);
    if (outcomes.size() != outcomePrices.size()
        || (!clobTokenIds.isEmpty() && clobTokenIds.size() != outcomes.size())) {
      throw new IllegalArgumentException("outcomes (%d), outcomePrices (%d) and clobTokenIds (%d) must pair up"
          .formatted(outcomes.size(), outcomePrices.size(), clobTokenIds.size()));
    }
    for (BigDecimal p : outcomePrices) {
      if (p.signum() < 0 || p.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("an outcome price must be in [0, 1]: " + p.toPlainString());
      }
    }
  }

  /**
   * Returns the price of an outcome by name, ignoring case.
   *
   * @param outcome e.g. {@code Yes}
   * @return the price
   * @throws IllegalArgumentException if the market has no such outcome
   */
  public BigDecimal priceOf(String outcome) {
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i).equalsIgnoreCase(outcome)) {
        return outcomePrices.get(i);
      }
    }
    throw new IllegalArgumentException("market %s has no outcome '%s'; outcomes: %s".formatted(slug, outcome, outcomes));
  }
}
