package dev.nanpin.exchange.backpack;

import static dev.nanpin.exchange.backpack.FakeBackpackVenue.fixture;
import static dev.nanpin.exchange.backpack.FakeBackpackVenue.json;
import static dev.nanpin.exchange.backpack.FakeBackpackVenue.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.DataException;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Implausible values in venue answers are refused with a DataException naming the field. */
class BackpackPlausibilityTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private BackpackExchange exchange;

  @BeforeEach
  void connect() {
    exchange = new BackpackExchange(new TestVenue().config(server).build());
  }

  @AfterEach
  void close() {
    exchange.close();
  }

  private static void refused(ThrowingCallable call, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(DataException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(field).hasMessageContaining("plausible range");
  }

  @Test
  void markAndIndexPricesMustBePositiveAndBelowTheCeiling() {
    String ok = fixture("markPrices.json");
    for (String bad : new String[] {"0", "-118343.5", "1e30"}) {
      server.enqueue(json(200, ok.replace("\"markPrice\":\"118343.51853741\"", "\"markPrice\":\"" + bad + "\"")));
      refused(() -> exchange.markPrices("BTC_USDC_PERP"), "markPrice");
    }
    server.enqueue(json(200, ok.replace("\"indexPrice\":\"118333.18643195\"", "\"indexPrice\":\"-1\"")));
    refused(() -> exchange.markPrices("BTC_USDC_PERP"), "indexPrice");
  }

  @Test
  void openInterestIsNeverNegativeAndTimestampsAreSane() {
    String ok = fixture("openInterest.json");
    server.enqueue(json(200, ok.replace("\"1273.85214\"", "\"-5\"")));
    refused(() -> exchange.openInterest("BTC_USDC_PERP"), "openInterest");
    server.enqueue(json(200, ok.replace("1753105735301", "-1")));
    refused(() -> exchange.openInterest("BTC_USDC_PERP"), "timestamp");
  }

  @Test
  void anOpenPositionHasAnEntryPriceAndTickersAreNotAbsurd() {
    server.enqueue(text(200, Long.toString(FakeBackpackVenue.VENUE_TIME)));
    server.enqueue(json(200, fixture("positions.json")
        .replace("\"entryPrice\":\"3826.8888888888888888888888889\"", "\"entryPrice\":\"0\"")));
    refused(() -> exchange.positions(), "entryPrice");
    server.enqueue(json(200, "{\"symbol\":\"SOL_USDC\",\"lastPrice\":\"1e30\",\"firstPrice\":\"1\"}"));
    refused(() -> exchange.ticker("SOL_USDC"), "lastPrice");
  }
}
