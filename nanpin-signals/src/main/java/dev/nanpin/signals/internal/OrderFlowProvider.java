package dev.nanpin.signals.internal;

import dev.nanpin.signals.OrderFlowGenerator;

/** Provides the {@code orderflow} signal generator. */
public final class OrderFlowProvider extends BaseProvider {
  /** Creates the provider; does no work. */
  public OrderFlowProvider() {
    super(OrderFlowGenerator.ID,
        "Order flow: exact delta, footprint, imbalances, absorption, exhaustion from trades; CLV and BVC"
            + " estimates, CVD divergence and effort vs result from OHLCV",
        OrderFlowGenerator.SPEC, OrderFlowGenerator::new);
  }
}
