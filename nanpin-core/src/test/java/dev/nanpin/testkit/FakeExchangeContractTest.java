package dev.nanpin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Exchange;
import dev.nanpin.Fill;
import dev.nanpin.Order;
import dev.nanpin.OrderStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the contract kit against the in-memory fake, which proves the kit itself. */
class FakeExchangeContractTest extends ExchangeContractTest {
  @Override
  protected Exchange createExchange() {
    return FakeExchange.withBtc();
  }

  @Override
  protected String symbol() {
    return "BTC_USDC";
  }

  @Test
  void scriptedFillsReachTheAccountStream() {
    FakeExchange fake = (FakeExchange) exchange;
    List<Fill> seen = new ArrayList<>();
    fake.streamAccount(new dev.nanpin.ExchangeListener() {
      @Override
      public void onFill(Fill fill) {
        seen.add(fill);
      }
    });
    Order o = fake.placeOrder(farBelowMarketBuy());
    fake.fill(o.orderId(), o.quantity(), o.limitPrice());
    assertThat(seen).singleElement().satisfies(f -> assertThat(f.quantity()).isEqualByComparingTo(o.quantity()));
    assertThat(fake.orderById("BTC_USDC", o.orderId())).map(Order::status).contains(OrderStatus.FILLED);
    assertThat(fake.fills("BTC_USDC", o.createdAt())).hasSize(1);
    assertThat(fake.account().equity()).isEqualByComparingTo(BigDecimal.valueOf(10_000));
  }
}
