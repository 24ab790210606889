package dev.nanpin.exchange.backpack;

import dev.nanpin.ExchangeException;
import dev.nanpin.Order;
import dev.nanpin.OrderRequest;
import java.util.Objects;

/**
 * The outcome of one order of a batch: exactly one of {@code order} and {@code error} is set.
 *
 * @param request the order sent
 * @param order the order as the venue accepted it, or {@code null}
 * @param error why the venue rejected it, or {@code null}
 */
public record BatchOrderResult(OrderRequest request, Order order, ExchangeException error) {
  /** Validates. */
  public BatchOrderResult {
    Objects.requireNonNull(request, "request");
    if ((order == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of order and error must be set");
    }
  }

  /** @return whether the venue accepted the order */
  public boolean accepted() {
    return order != null;
  }
}
