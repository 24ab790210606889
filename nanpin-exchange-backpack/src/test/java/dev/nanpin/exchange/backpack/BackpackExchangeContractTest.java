package dev.nanpin.exchange.backpack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Exchange;
import dev.nanpin.testkit.ExchangeContractTest;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;

/** The core contract, against a MockWebServer that behaves like Backpack. */
class BackpackExchangeContractTest extends ExchangeContractTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeBackpackVenue venue = new FakeBackpackVenue(BackpackSignerTest.PUB1);

  @Override
  protected Exchange createExchange() {
    server.setDispatcher(venue);
    return new BackpackExchange(new TestVenue().config(server).build());
  }

  @Override
  protected String symbol() {
    return "SOL_USDC_PERP";
  }

  @AfterEach
  void everySignedRequestVerified() {
    assertThat(venue.signatureFailures).isEmpty();
  }
}
