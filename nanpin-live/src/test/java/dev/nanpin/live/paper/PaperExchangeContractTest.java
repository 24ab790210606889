package dev.nanpin.live.paper;

import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.testkit.ExchangeContractTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The exchange contract kit against a paper exchange replaying hourly bars. */
class PaperExchangeContractTest extends ExchangeContractTest {
  static final Instrument BTC = new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT,
      new BigDecimal("0.1"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));

  static List<Bar> hourly(Instant start, int n, double price) {
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bars.add(Bar.of(start.plus(Duration.ofHours(i)), price, price + 50, price - 50, price, 3));
    }
    return bars;
  }

  @Override
  protected Exchange createExchange() {
    PaperConfig cfg = new PaperConfig(BTC, new BigDecimal("10000"), 0.0002, 0.0005, 0.0001, 1);
    return PaperExchange.replay(cfg, hourly(Instant.parse("2024-12-31T00:00:00Z"), 72, 100_000), Duration.ofHours(1),
        48, null);
  }

  @Override
  protected String symbol() {
    return "BTC_USDC";
  }
}
