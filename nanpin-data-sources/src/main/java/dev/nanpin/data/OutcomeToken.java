package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

/**
 * One outcome of a Polymarket market and its CLOB token, as the CLOB pairs them (safer than
 * relying on the order of Gamma's {@code outcomes} and {@code clobTokenIds}).
 *
 * @param outcome the outcome name, e.g. {@code Yes}
 * @param tokenId the CLOB token id
 * @param winner whether the outcome won (resolved markets)
 */
public record OutcomeToken(String outcome, String tokenId, boolean winner) {
  /** Validates. */
  public OutcomeToken {
    requireNonNull(outcome, "outcome");
    requireNonNull(tokenId, "tokenId");
    if (tokenId.isBlank()) {
      throw new IllegalArgumentException("tokenId must not be blank");
    }
  }
}
